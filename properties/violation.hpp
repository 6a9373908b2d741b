// violation.hpp: what a property reports about a failing execution. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// The kinds of property violation.
enum class violation_kind : std::uint8_t {
  leak,        ///< a task is blocked forever after the main task returned
  deadlock,    ///< every task, main included, is blocked
  panic,       ///< a Go panic (send on closed channel, close of nil channel, ...)
  exception,   ///< a C++ exception escaped a task
  assertion,   ///< a failed expect()
  step_limit,  ///< a task did not terminate within the step bound
};

/// "leak", "deadlock", "panic", "exception", "assertion", "step-limit".
const char* to_string(violation_kind k) noexcept;

/// One violation: its kind, the task concerned, what went wrong and where.
struct violation {
  violation_kind kind = violation_kind::leak;
  std::int32_t task = -1;
  std::string message;
  trace_loc loc;
};

}  // namespace chancheck::detail
