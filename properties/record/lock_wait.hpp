// lock_wait.hpp: one edge of the wait-for graph: a blocked task waits for a task
// that holds a lock (or runs a once). A lock cycle is a list of them. Plain data.
#pragma once

#include <cstdint>

#include <chancheck/model/op.hpp>
#include <chancheck/properties/record/lock_holder.hpp>

namespace chancheck::detail {

/// Task `waiter`, blocked in `op` (lock, rlock or once) on `holder.obj`, cannot go
/// on until `holder.task` gives it up.
struct lock_wait {
  std::int32_t waiter = -1;
  op_kind op = op_kind::lock;
  lock_holder holder;
};

}  // namespace chancheck::detail
