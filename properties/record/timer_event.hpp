// timer_event.hpp: what happened to a timer whose channel a task waits on forever. Plain data.
#pragma once

#include <cstdint>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// One thing the trace shows of a timer: it fired, its value was received, or stop() was called.
struct timer_event {
  enum class kind_t : std::uint8_t {
    fired,               ///< at time_ns
    received_in_select,  ///< by `task`'s select case at `at`
    received,            ///< by `task`'s receive at `at`
    stopped,             ///< stop() at `at`; after_fire: it came after the firing, so it returned false
  } kind = kind_t::fired;
  std::int32_t task = -1;
  trace_loc at;
  std::int64_t time_ns = 0;
  bool after_fire = false;
};

}  // namespace chancheck::detail
