// result_file.hpp: the `--json FILE` result, kept valid through a run. The whole
// document so far is written whole (whole_file.hpp: a temporary file in FILE's folder
// renamed over FILE; a device or pipe in place): once before the first scenario (an
// empty run) and again after each one, so a run that is stopped or killed leaves the
// scenarios it finished, never half a file.
#pragma once

#include <string>
#include <vector>

namespace chancheck::detail {

/// The JSON result file of one run (nothing is written when the path is empty).
class result_file {
 public:
  /// `path`: where to write, already checked with check_output_path; "" for none.
  explicit result_file(std::string path) : path_(std::move(path)) {}

  /// Writes the document with no scenario yet; false (and why in `error`) when it cannot.
  bool start(std::string& error);
  /// Adds one scenario's JSON object and writes the document again; false (and why in `error`) when it cannot.
  bool add(std::string scenario_object, std::string& error);

 private:
  bool write(std::string& error) const;

  std::string path_;
  std::vector<std::string> objects_;
};

}  // namespace chancheck::detail
