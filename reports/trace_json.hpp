// trace_json.hpp: the interleaving of a failing execution as JSON records: every
// task of the execution and one compact object per step (task, event, operation,
// object, source line, virtual time). The JSON result carries it beside the
// violations, and the JUnit, SARIF and HTML reporters read it from there.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// {"tasks": [...], "steps": [...], "preemptions": N, "decisions": N} for the execution `r`.
nlohmann::json trace_json(const execution_record& r);

}  // namespace chancheck::detail
