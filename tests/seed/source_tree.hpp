// source_tree.hpp: finds the project's source tree from a test, to cross-check
// the line numbers reports give against the scenario files themselves. Paths in
// reports are relative to the project root; the root is found by walking up from
// the CLI's folder (it is built inside or beside the source tree) and from the
// working directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace chancheck::testing {

/// The project root (the folder holding `marker`, a path relative to it), or nullopt.
inline std::optional<std::filesystem::path> find_source_root(const std::string& marker, const std::string& start_from) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::path start : {fs::path(start_from).parent_path(), fs::current_path(ec)}) {
    for (fs::path p = start; !p.empty(); p = p.parent_path()) {
      if (fs::exists(p / marker, ec)) return p;
      if (p == p.parent_path()) break;
    }
  }
  return std::nullopt;
}

/// The 1-based number of the first line of `file` containing `needle`, or 0.
inline unsigned line_containing(const std::filesystem::path& file, const std::string& needle) {
  std::ifstream in(file);
  std::string text;
  for (unsigned n = 1; std::getline(in, text); ++n)
    if (text.find(needle) != std::string::npos) return n;
  return 0;
}

}  // namespace chancheck::testing
