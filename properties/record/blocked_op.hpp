// blocked_op.hpp: the operation a task is blocked in forever. Plain data.
#pragma once

#include <cstdint>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

/// The operation a task is blocked in: its kind, its object, its line, and for a
/// select its cases.
struct blocked_op {
  op_kind op = op_kind::yield;
  std::uint32_t obj = 0;  ///< 0 = none, or a nil channel
  trace_loc loc;
  std::vector<trace_case> cases;  ///< select only
};

}  // namespace chancheck::detail
