// wait_history.hpp: what the trace shows about a wait nobody ends: a wait group's
// add and done calls, a cond's signals that came before the wait. Plain data.
#pragma once

#include <vector>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// The calls on the object a task waits on forever, each at its line (in trace order).
struct wait_history {
  std::vector<trace_loc> adds;          ///< wait group: its add calls
  std::vector<trace_loc> dones;         ///< wait group: its done calls
  std::vector<trace_loc> lost_signals;  ///< cond: signals and broadcasts before the wait, which found no waiter
};

}  // namespace chancheck::detail
