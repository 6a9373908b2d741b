// scenario_outcome.hpp: the result of checking one scenario: what the exploration
// did, the violations found and the replay token. Plain data, all that reports/ read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/record/explore_result.hpp>
#include <chancheck/properties/scenario.hpp>
#include <chancheck/properties/violation.hpp>

namespace chancheck::detail {

/// The result of checking one scenario.
struct scenario_outcome {
  std::string scenario;
  explore_options options;
  explore_result result;
  std::vector<violation> violations;      ///< of result.failing, when found
  std::string token;                      ///< replays result.failing
  std::uint64_t minimize_executions = 0;  ///< executions spent looking for a shorter counterexample
  bool minimized = false;                 ///< result.failing was replaced by a shorter one
};

/// The verdict word of an outcome: "pass", "leak", "deadlock", "panic", ..., "error".
std::string verdict_of(const scenario_outcome& o);

/// True when the scenario's declared expectation accepts the outcome's verdict (verdict_accepted).
bool as_expected(const scenario_outcome& o, expected e);

}  // namespace chancheck::detail
