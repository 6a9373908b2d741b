// checker.hpp: checks a scenario's properties over an exploration, and replays a
// token. The outcome is plain data for reports/.
#pragma once

#include <string>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/scenario.hpp>
#include <chancheck/properties/violation.hpp>

namespace chancheck::detail {

/// The result of checking one scenario.
struct scenario_outcome {
  std::string scenario;
  explore_options options;
  explore_result result;
  std::vector<violation> violations;  ///< of result.failing, when found
  std::string token;                  ///< replays result.failing
  std::uint64_t minimize_executions = 0;  ///< executions spent looking for a shorter counterexample
  bool minimized = false;              ///< result.failing was replaced by a shorter one
};

/// The verdict word of an outcome: "pass", "leak", "deadlock", "panic", ..., "error".
std::string verdict_of(const scenario_outcome& o);

/// True when the outcome's verdict is what the scenario declared.
bool as_expected(const scenario_outcome& o, expected e);

/// Explores the scenario and checks every property on each execution. A failing
/// execution is then shrunk: the counterexample reported is one with the fewest
/// preemptions, then the fewest steps, that shows the same violation (same kind,
/// task and line), found by preemption-bounded search.
scenario_outcome check_scenario(const scenario_info& s, const explore_options& options);

/// Replays one execution from a token. `error` is set when the token is bad or
/// does not fit the scenario.
scenario_outcome replay_scenario(const scenario_info& s, const std::string& token, std::string& error);

}  // namespace chancheck::detail
