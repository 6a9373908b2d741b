// termination.hpp: the properties checked on every execution. The central one is
// termination: once no task can move and no timer is pending, every spawned task
// must have finished. A task left blocked is a leak (or, when main is blocked
// too, a deadlock). Panics, escaped exceptions, failed expectations and
// step-bound overruns recorded by the engine are violations too.
#pragma once

#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/properties/violation.hpp>

namespace chancheck::detail {

/// Every violation the execution shows, most important first (empty = it passed).
std::vector<violation> find_violations(const execution_record& r);

/// True when the execution violates a property.
bool violates(const execution_record& r);

}  // namespace chancheck::detail
