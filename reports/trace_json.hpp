// trace_json.hpp: the interleaving of a failing execution as JSON records: every
// task of the execution and one compact object per step (task, event, operation,
// object, source line, virtual time). The JSON result carries it beside the
// violations, and the JUnit, SARIF and HTML reporters read it from there.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// The most steps the JSON keeps: a longer trace (a step limit) keeps its last steps and says how many it left out.
inline constexpr std::size_t trace_max_steps = 2000;

/// {"tasks": [...], "steps": [...], "left_out": N, "preemptions": N, "decisions": N} for the execution `r`.
nlohmann::json trace_json(const execution_record& r);

}  // namespace chancheck::detail
