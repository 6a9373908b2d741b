// violation.hpp: what a property reports about a failing execution, as plain
// data: the kind, the tasks concerned, the blocked operation and its object,
// the locks held and waited for (a lock cycle in order), how the other side of
// a channel left, and the suggested fixes. Reports word all of it (with
// properties/naming.hpp); none of it is text to parse. The parts are in
// properties/record/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/properties/record/blocked_op.hpp>
#include <chancheck/properties/record/fix.hpp>
#include <chancheck/properties/record/lock_holder.hpp>
#include <chancheck/properties/record/lock_wait.hpp>
#include <chancheck/properties/record/object_ref.hpp>
#include <chancheck/properties/record/other_side.hpp>
#include <chancheck/properties/record/task_ref.hpp>
#include <chancheck/properties/record/timer_event.hpp>
#include <chancheck/properties/record/wait_history.hpp>

namespace chancheck::detail {

/// The kinds of property violation.
enum class violation_kind : std::uint8_t {
  leak,          ///< a task is blocked forever after the main task returned
  deadlock,      ///< every task, main included, is blocked
  panic,         ///< a Go panic (send on closed channel, close of nil channel, ...)
  exception,     ///< a C++ exception escaped a task
  assertion,     ///< a failed expect()
  step_limit,    ///< a task did not terminate within the step bound
  misuse,        ///< a kit object made outside the execution (static init, a real thread, an earlier one) used in it
  uncontrolled,  ///< a kit call from a thread the explorer does not control (a std::thread)
  task_limit,    ///< an execution started more tasks than its bound (--max-tasks)
};

/// "leak", "deadlock", "panic", "exception", "assertion", "step-limit", "misuse", "uncontrolled", "task-limit".
const char* to_string(violation_kind k) noexcept;

/// One violation: its kind, the task concerned, where, and what the trace shows
/// about it. The records beyond `message` are filled for what the kind has: a
/// blocked task (leak, deadlock) has `blocked` and `object`, and lock waits, held
/// locks, a wait history, timer events or the other side as they apply; a step
/// limit has the ticker that kept firing in `object`, when that is the cause.
struct violation {
  violation_kind kind = violation_kind::leak;
  std::int32_t task = -1;  ///< the task concerned (-1: none, e.g. a ticker ran on alone)
  /// A panic, exception or assertion: its own message. Otherwise a one-line
  /// summary of the records below (the same words the text report uses).
  std::string message;
  trace_loc loc;  ///< where the task is blocked, or where the failure happened

  std::vector<task_ref> tasks;     ///< every task named below, `task` first
  blocked_op blocked;              ///< leak, deadlock: the operation it is blocked in
  object_ref object;               ///< that operation's object (or the ticker of a step limit)
  std::vector<lock_wait> waits;    ///< the tasks it waits for through locks and once
  std::vector<lock_wait> cycle;    ///< when those waits close a cycle: each wait in order, from this task back to it
  std::vector<lock_holder> holds;  ///< the locks this task holds
  wait_history history;            ///< a wait group's or cond's calls, when blocked on one
  std::vector<timer_event> timer;  ///< a timer's history, when blocked receiving from its channel
  other_side left;                 ///< a channel's other side: the select that took another case
  std::vector<fix> fixes;          ///< suggested fixes, alternatives in order of preference
};

}  // namespace chancheck::detail
