// trace.hpp: the plain record of one execution: events, objects, tasks and the
// decisions taken. It is all that properties/ and reports/ read; nothing in it
// points into the engine, and file names are the static strings of
// std::source_location.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/op.hpp"

namespace chancheck {

/// A source position.
struct trace_loc {
  const char* file = "";
  std::uint32_t line = 0;
};

/// One case of a select, as recorded.
struct trace_case {
  std::uint32_t obj = 0;  ///< channel id, 0 = nil
  bool is_send = false;
  trace_loc loc;
};

/// What an event says.
enum class event_kind : std::uint8_t {
  op,           ///< a task performs `op` (after its scheduling point)
  block,        ///< a task blocks in `op`
  select_case,  ///< a select took case `arg` (-1 = default), on channel `obj`
  timer_fire,   ///< the timer of object `obj` fires (task = -1)
  spawn,        ///< task `task` started task `arg`
  finish,       ///< a task returned
};

/// One event of the interleaving.
struct trace_event {
  std::uint32_t step = 0;  ///< index of the scheduling step it belongs to
  std::int32_t task = -1;
  event_kind kind = event_kind::op;
  op_kind op = op_kind::yield;
  std::uint32_t obj = 0;
  std::int32_t arg = 0;
  trace_loc loc;
  std::int64_t time_ns = 0;      ///< virtual time
  std::uint32_t cases_begin = 0;  ///< select: its cases in execution_record::cases
  std::uint32_t cases_count = 0;
};

/// An object the execution made.
struct trace_object {
  std::uint32_t id = 0;
  object_kind kind = object_kind::none;
  std::uint64_t cap = 0;
  trace_loc loc;
  std::string label;  ///< "after", "ctx.done", "sleep" or empty
};

/// The state a task ended in.
enum class task_state : std::uint8_t { runnable, blocked, finished };

/// A task of the execution and where it ended.
struct trace_task {
  std::int32_t id = 0;
  std::string name;
  trace_loc spawned_at;     ///< where go() was called (the scenario for main)
  std::int32_t parent = -1;
  task_state state = task_state::runnable;
  op_kind op = op_kind::yield;  ///< last operation (the blocking one when blocked)
  std::uint32_t obj = 0;
  trace_loc op_loc;
  std::vector<trace_case> cases;  ///< when blocked in a select
  std::uint32_t steps = 0;        ///< scheduling steps it took
  std::int32_t created_step = -1; ///< the step in which it was spawned
};

/// One scheduling step: a task runs from one scheduling point to the next, or a
/// timer fires (proc = -1). Recorded only for strategies that ask for it (dpor).
struct trace_step {
  std::int32_t proc = -1;
  std::int32_t decision = -1;   ///< index into decisions when the step was chosen, else -1
  std::int32_t woken_by = -1;   ///< the step that unblocked this task, if it resumes from a park
  std::uint32_t access_begin = 0;  ///< objects touched: execution_record::access[begin, begin + count)
  std::uint32_t access_count = 0;
};

/// Why an execution stopped before quiescence.
enum class stop_reason : std::uint8_t {
  quiescent,    ///< no task can move and no timer is pending
  failure,      ///< a panic, exception or failed expectation
  step_limit,   ///< the step bound was passed
  aborted,      ///< the strategy gave up (replay diverged)
  pruned,       ///< the strategy found the rest redundant (dpor sleep sets)
};

/// A panic, exception or failed expectation that escaped a task.
struct task_failure {
  enum class kind_t : std::uint8_t { panic, exception, assertion } kind = kind_t::panic;
  std::int32_t task = -1;
  std::string message;
  trace_loc loc;
};

/// Everything one execution did.
struct execution_record {
  std::vector<trace_event> events;
  std::vector<trace_case> cases;
  std::vector<trace_object> objects;  ///< index = id - 1
  std::vector<trace_task> tasks;      ///< index = id
  std::vector<std::uint32_t> decisions;  ///< chosen index at each choice with >= 2 options
  std::vector<trace_step> step_log;      ///< every step, when recorded
  std::vector<std::uint32_t> access;     ///< objects touched by the steps of step_log
  /// The next step of every task (and the clock) that could still run when the
  /// execution stopped early (a panic, the step bound): what it would touch.
  std::vector<trace_step> pending_steps;
  stop_reason stop = stop_reason::quiescent;
  task_failure failure;  ///< when stop == failure: the first failure
  std::vector<task_failure> failures;  ///< every failure (more than one only with continue_after_failure)
  std::int32_t running = -1;  ///< the task that ran when a step limit stopped it
  std::uint32_t steps = 0;
  std::uint32_t preemptions = 0;  ///< decisions that switched away from a task that could go on
  std::int64_t end_time_ns = 0;
  std::string abort_message;  ///< when stop == aborted

  void clear() {
    events.clear();
    cases.clear();
    objects.clear();
    tasks.clear();
    decisions.clear();
    step_log.clear();
    access.clear();
    pending_steps.clear();
    stop = stop_reason::quiescent;
    failure = {};
    failures.clear();
    running = -1;
    steps = 0;
    preemptions = 0;
    end_time_ns = 0;
    abort_message.clear();
  }
  /// The object with id `id`, or nullptr.
  const trace_object* object(std::uint32_t id) const {
    return id >= 1 && id <= objects.size() ? &objects[id - 1] : nullptr;
  }
};

}  // namespace chancheck
