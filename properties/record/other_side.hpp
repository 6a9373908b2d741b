// other_side.hpp: how the other side of a leaked send or receive went away: the
// select that offered the matching case and took another. Plain data.
#pragma once

#include <cstdint>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// Task `task`'s select at `select_at` took `taken` (or its default) at `time_ns`,
/// not `missed` (the case on the leaked task's channel). found = false: the trace
/// shows no such select.
struct other_side {
  bool found = false;
  std::int32_t task = -1;
  trace_loc select_at;
  std::int32_t taken_index = -1;  ///< the case it took; -1 = its default case
  trace_case taken;               ///< that case (when taken_index >= 0)
  trace_case missed;
  std::int64_t time_ns = 0;
  bool returned = false;  ///< the task has returned since
};

}  // namespace chancheck::detail
