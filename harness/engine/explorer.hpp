// explorer.hpp: runs executions of one scenario under a strategy until the
// strategy is exhausted, a failing execution is found, or a bound is reached
// (executions, wall-clock budget). It knows nothing of properties: the caller
// says which executions fail.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <chancheck/harness/engine/execution.hpp>
#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/record/explore_result.hpp>
#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// Explores `body`; stops at the first execution for which `fails` returns true.
explore_result explore(const std::function<void()>& body, const explore_options& options,
                       const std::function<bool(const execution_record&)>& fails);

}  // namespace chancheck::detail
