// report_outputs.hpp: the reports `run --report KIND:FILE` writes (junit, sarif,
// html, json; several at once). Each is made from the same JSON result document
// (reports/json_report, reports/*_report), written once before the first scenario
// and again after each one, to a temporary file renamed over FILE: a stopped or
// killed run leaves valid reports of the scenarios it finished.
#pragma once

#include <string>
#include <vector>

namespace chancheck::detail {

/// The --report outputs of one run.
class report_outputs {
 public:
  /// The --report help text.
  static const char* help();

  /// Takes each "KIND:FILE" and checks it before any scenario runs: a known kind, a
  /// writable FILE (as --json's), and no file named twice (`json_path`, the --json
  /// file or "", counts too). False, and why in `error`, on the first bad one.
  bool configure(const std::vector<std::string>& specs, const std::string& json_path,
                 bool (*is_scenario)(const std::string&), std::string& error);

  /// Writes every report with no scenario yet; false (and why in `error`) when one cannot be written.
  bool start(std::string& error) const;
  /// Adds one scenario's JSON object and writes every report again; false (and why in `error`) when one fails.
  bool add(std::string scenario_object, std::string& error);

 private:
  struct output {
    std::string kind, path;
  };
  bool write(std::string& error) const;

  std::vector<output> outputs_;
  std::vector<std::string> objects_;
};

}  // namespace chancheck::detail
