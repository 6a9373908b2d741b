// scenario_report.hpp: what the CLI prints and writes for one scenario, rendered:
// the verdict, the summary and explanation texts and the scenario's JSON object. A
// child process sends it to its parent over a pipe in a small framed format that the
// parent parses strictly; in one process the CLI renders and prints it directly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chancheck::detail {

/// One scenario's result, rendered.
struct scenario_report {
  std::string verdict;       ///< "pass", "leak", ..., "error", "crash", "uncontrolled"
  bool as_expected = false;  ///< the verdict is what the scenario declared
  std::string summary;       ///< `run`: the summary line; `replay`: the header line
  std::string explanation;   ///< the explanation of the violation (or the replayed trace), or ""
  std::string json;          ///< the scenario's object in the JSON result
  std::string usage_error;   ///< bad input found while checking (a token that does not fit), or ""

  /// The framed text: "chancheck-report 1\n", then per field `NAME LENGTH\nBYTES\n`
  /// in a fixed order, then "end\n".
  std::string encode() const;
  /// Parses encode()'s text; false (and why in `error`) on anything else.
  static bool decode(std::string_view text, scenario_report& out, std::string& error);
};

/// The JSON result document holding these scenario objects (as reports/json_report writes it).
std::string json_document(const std::vector<std::string>& scenario_objects);

/// The object of the single scenario in a JSON result document.
std::string only_scenario_object(const std::string& document);

}  // namespace chancheck::detail
