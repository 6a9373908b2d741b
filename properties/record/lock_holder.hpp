// lock_holder.hpp: a task's hold on a lock (or a running once), as the trace's
// acquire and release events show it. Plain data.
#pragma once

#include <cstdint>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// How a task holds (or stands in front of) a lock.
enum class hold_kind : std::uint8_t {
  locked,          ///< holds a mutex
  write_locked,    ///< holds an rwmutex for writing
  read_locked,     ///< holds an rwmutex for reading
  writer_waiting,  ///< waits to write-lock an rwmutex, which keeps new readers out (Go's writer preference)
  once_running,    ///< runs the function of a once
};

/// A task's hold on object `obj`, and where it took it (its lock call, or the once's call).
struct lock_holder {
  std::int32_t task = -1;
  std::uint32_t obj = 0;
  hold_kind how = hold_kind::locked;
  trace_loc at;
};

}  // namespace chancheck::detail
