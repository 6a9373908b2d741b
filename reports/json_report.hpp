// json_report.hpp: the machine-readable result (docs/json.md describes it):
// {"format": "chancheck-result", "version": 1, "scenarios": [...]}, one object per
// scenario with its verdict, executions, exhaustiveness and violations (each with
// task, kind, file, line and replay token).
#pragma once

#include <string>
#include <vector>

#include <chancheck/properties/scenario_outcome.hpp>

namespace chancheck::detail {

/// The JSON document for a run over several scenarios.
std::string to_json(const std::vector<scenario_outcome>& outcomes);

}  // namespace chancheck::detail
