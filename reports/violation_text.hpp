// violation_text.hpp: the words the JUnit, SARIF and HTML reports share, made from
// the JSON result (docs/json.md) and nothing else: a scenario's verdict line, a
// violation's explanation (its records, one per line) and its replay command.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace chancheck::detail {

/// "file:line" of a {"file", "line"} object, or "" when it has no line.
std::string where_text(const nlohmann::json& loc);

/// A time in milliseconds as reports print it: "100ms", "2.5ms".
std::string ms_text(double ms);

/// True when a scenario's verdict is a failure for CI: a violation (any verdict but
/// "pass" and "interrupted"), or a verdict other than the one the scenario declares.
bool failed_for_ci(const nlohmann::json& scenario);

/// True when a scenario could not be checked: "error", "crash" or "uncontrolled".
bool broken_verdict(const nlohmann::json& scenario);

/// One line: the verdict, where it was found, and how it compares with the declared one,
/// e.g. "leak found in execution 1 (dpor, time any); as declared".
std::string verdict_text(const nlohmann::json& scenario);

/// The explanation of one violation, one record per line (its message first), ending in a newline.
std::string violation_text(const nlohmann::json& violation);

/// "chancheck replay SCENARIO TOKEN", or "" when the violation has no token.
std::string replay_command(const nlohmann::json& scenario, const nlohmann::json& violation);

}  // namespace chancheck::detail
