// hostile_cli.hpp: running the hostile scenarios' CLI from a test and reading its
// JSON result; shared by the tests of tests/hostile/.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "util/run_command.hpp"

namespace chancheck::testing {

/// The watchdog of the hostile runs: short, so a hang is seen quickly, but longer in a
/// sanitizer build, where tearing an execution down alone can take a second.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
inline const std::string short_watchdog = " --watchdog 8s";
#else
inline const std::string short_watchdog = " --watchdog 1s";
#endif

/// The scenarios of teardown_scenarios.cpp, misuse_scenarios.cpp and limit_scenarios.cpp.
inline constexpr std::size_t other_hostile_scenarios = 11;

/// Runs the hostile CLI with `args` (stderr dropped); fills `out` with its stdout.
inline int hostile(const std::string& args, std::string& out) {
  return run_command(std::string(CHANCHECK_HOSTILE_CLI) + " " + args + " 2>/dev/null", out);
}

/// A file name of this test process's own in the test's temporary folder.
inline std::string temp_path(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("chancheck_hostile_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

/// The JSON document in `path`.
inline nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

/// GoogleTest's name of a hostile scenario's case: "hostile/a_b" gives "aXb".
inline std::string case_name(const char* scenario) {
  std::string n = std::string(scenario).substr(8);
  for (char& ch : n)
    if (ch == '_') ch = 'X';
  return n;
}

}  // namespace chancheck::testing
