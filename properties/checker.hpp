// checker.hpp: checks a scenario's properties over an exploration, and replays a
// token. The outcome is plain data for reports/.
#pragma once

#include <string>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/scenario.hpp>
#include <chancheck/properties/scenario_outcome.hpp>

namespace chancheck::detail {

/// Explores the scenario and checks every property on each execution. A failing
/// execution is then shrunk: the counterexample reported is one with the fewest
/// preemptions, then the fewest steps, that shows the same violation (same kind,
/// task and line), found by preemption-bounded search.
scenario_outcome check_scenario(const scenario_info& s, const explore_options& options);

/// Replays one execution from a token. `error` is set when the token is bad or
/// does not fit the scenario (saying at which step it stopped fitting). The token sets
/// the time mode and the step bound; the rest of the execution's options (stack size,
/// crash journal) come from `exec`. With `made_for`, the token was made for that
/// scenario and is replayed on `s` (a bug's token on its fix): a misfit then names the
/// first step where the two runs differ.
scenario_outcome replay_scenario(const scenario_info& s, const std::string& token, std::string& error,
                                 const execution_options& exec = {}, const scenario_info* made_for = nullptr);

}  // namespace chancheck::detail
