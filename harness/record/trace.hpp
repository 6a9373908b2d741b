// trace.hpp: the plain record of one execution: events, objects, tasks and the
// decisions taken. It is all that properties/ and reports/ read; nothing in it
// points into the engine, and file names are the static strings of
// std::source_location.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/record/leak_found.hpp>
#include <chancheck/harness/record/trace_loc.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

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
  acquire,      ///< task `task` now holds lock `obj` (op lock: exclusive, rlock: shared), asked for at `loc`
  release,      ///< task `task` released a hold on lock `obj` (op lock or rlock, as above) at `loc`
  choice,       ///< a choose() at `loc` took value `arg` of `obj` alternatives (a choice has no object)
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
  std::int64_t time_ns = 0;       ///< virtual time
  std::uint32_t cases_begin = 0;  ///< select: its cases in execution_record::cases
  std::uint32_t cases_count = 0;
  /// True when the interleaving a report prints lists it: lock holds are records for
  /// the properties, and a go() or choose() shows as the spawn or choice event that follows it.
  bool listed() const noexcept {
    return kind != event_kind::acquire && kind != event_kind::release &&
           !(kind == event_kind::op && (op == op_kind::go || op == op_kind::choose));
  }
};

/// An object the execution made.
struct trace_object {
  std::uint32_t id = 0;
  object_kind kind = object_kind::none;
  std::uint64_t cap = 0;
  trace_loc loc;
  std::string label;            ///< "after", "ctx.done", "sleep" or empty
  std::int32_t made_step = -1;  ///< the step it was made in, when the step log is kept (else -1)
};

/// The state a task ended in.
enum class task_state : std::uint8_t { runnable, blocked, finished };

/// A task of the execution and where it ended.
struct trace_task {
  std::int32_t id = 0;
  std::string name;
  trace_loc spawned_at;  ///< where go() was called (the scenario for main)
  std::int32_t parent = -1;
  task_state state = task_state::runnable;
  op_kind op = op_kind::yield;  ///< last operation (the blocking one when blocked)
  std::uint32_t obj = 0;
  trace_loc op_loc;
  std::vector<trace_case> cases;   ///< when blocked in a select
  std::uint32_t steps = 0;         ///< scheduling steps it took
  std::int32_t created_step = -1;  ///< the step in which it was spawned
};

/// The process of a timer's firing step: timers are processes of their own,
/// numbered by arming order (id 1, 2, ...), so their ids are negative. A
/// ticker's ticks are one process, numbered by its first tick.
constexpr std::int32_t timer_proc(std::uint64_t timer_id) { return -1 - static_cast<std::int32_t>(timer_id); }
/// The timer id of a negative process number (timer_proc's inverse).
constexpr std::uint64_t proc_timer(std::int32_t proc) { return static_cast<std::uint64_t>(-1 - proc); }

/// The pseudo-object of the virtual clock in step access lists: arming a timer and
/// reading now() read it, a firing that moves the clock writes it.
constexpr std::uint32_t clock_object = 0x7fffffffu;
/// Marks an access in execution_record::access as a read: reads of one object
/// commute, a write depends on every read since the last write.
constexpr std::uint32_t read_access = 0x80000000u;
/// The object or pseudo-object an access names, without its read mark.
constexpr std::uint32_t access_object(std::uint32_t a) { return a & ~read_access; }
/// The second side of a two-sided object in step access lists: object `id`'s
/// pseudo-object `id | second_side` (its first side is `id` itself). An unbuffered
/// channel's plain sends touch its first side and its plain receives the second; a
/// mutex's locks and a semaphore's acquires the first, their holders' releases the
/// second; a wait group's dones read the first and a parked wait the second. The
/// two sides commute, while two steps on one side do not (unless both read). The
/// other operations touch both (harness/engine/object_sides.hpp; docs/exploration.md,
/// "A rendezvous is one event").
constexpr std::uint32_t second_side = 0x20000000u;
/// The quiet pseudo-object in time mode `any`: a ticker's early tick (fired while a
/// task is ready, execution_options::tick_budget) writes it, and the step that
/// leaves every task waiting reads it. Had that step come first, the tick would
/// have fired with every task waiting and cost none of the budget, so the two are a
/// race dpor reverses (docs/exploration.md, "A ticker's early ticks").
constexpr std::uint32_t quiet_object = 0x7ffffffeu;
/// The object an access names with its two sides taken as one (task groups, class keys).
constexpr std::uint32_t side_owner(std::uint32_t a) {
  const std::uint32_t o = access_object(a);
  return o < quiet_object ? o & ~second_side : o;
}

/// What happened to a timer in a step (recorded with the step log).
struct timer_step {
  /// follow: a ticker's next tick (preds) joins the timers timer `id` fires after.
  enum class kind_t : std::uint8_t { arm, fire, stop, follow } kind = kind_t::arm;
  std::int32_t step = -1;     ///< index into step_log (-1: before the first step)
  std::uint64_t id = 0;       ///< the timer
  std::int64_t deadline = 0;  ///< its deadline (virtual ns)
  std::uint32_t obj = 0;      ///< the object its firing touches
  std::int32_t by = -1;       ///< arm: the task that armed it, or timer_proc(id) of a firing that re-armed it
  std::uint64_t chain = 0;    ///< a ticker's first tick's id (its own id otherwise): its process is timer_proc(chain)
  /// Arm: the timers it fires after (time mode `any`), in execution_record::timer_preds.
  std::uint32_t preds_begin = 0, preds_count = 0;
  /// Arm (time mode `any`): after its preds in timer_preds, the latest timers (at
  /// most 8) its arming had seen armed that were gone (fired or stopped) by then.
  /// Those due earlier come before its firing in every order: had it been armed
  /// first, it would have waited.
  std::uint32_t gone_count = 0;
  /// Arm: a ticker's tick past its early ticks (time mode `any`, tick_budget): it
  /// fires only once every task waits.
  bool quiet_only = false;
};

/// One scheduling step: a task runs from one scheduling point to the next, or a
/// timer fires (proc = timer_proc(id)). Recorded only for strategies that ask for
/// it (dpor).
struct trace_step {
  std::int32_t proc = -1;
  std::int32_t decision = -1;  ///< index into decisions when the step was chosen, else -1
  std::int32_t woken_by = -1;  ///< the step that unblocked this task, if it resumes from a park
  /// The step this one took a value or a lock from across the two sides of an object
  /// (object_sides.hpp), else -1: the arrival of the rendezvous partner it woke, the
  /// unlock of the free mutex it locked, or the release that gave a semaphore's units
  /// back. It happens before the task's next steps, though the two touch different
  /// sides (this step could have come first and waited for it).
  std::int32_t partner = -1;
  std::uint32_t access_begin = 0;  ///< objects touched: execution_record::access[begin, begin + count)
  std::uint32_t access_count = 0;
};

/// Why an execution stopped before quiescence.
enum class stop_reason : std::uint8_t {
  quiescent,   ///< no task can move and no timer is pending that could wake one
  failure,     ///< a panic, exception or failed expectation
  step_limit,  ///< the step bound was passed
  aborted,     ///< the strategy gave up (replay diverged)
  pruned,      ///< the strategy found the rest redundant (dpor sleep sets)
};

/// A panic, exception or failed expectation that escaped a task; a kit object made
/// outside the execution and used in it (misuse); a kit call from a thread the
/// explorer does not control (uncontrolled: `task` is -1).
struct task_failure {
  enum class kind_t : std::uint8_t {
    panic,
    exception,
    assertion,
    misuse,
    uncontrolled,
    task_limit
  } kind = kind_t::panic;
  std::int32_t task = -1;
  std::string message;
  trace_loc loc;
  op_kind op = op_kind::yield;     ///< misuse, uncontrolled: the operation at `loc`
  trace_loc made_at;               ///< misuse: where the object was made
  bool made_in_execution = false;  ///< misuse: it was made in an earlier execution (else outside any)
};

/// Everything one execution did.
struct execution_record {
  std::vector<trace_event> events;
  std::vector<trace_case> cases;
  std::vector<trace_object> objects;       ///< index = id - 1
  std::vector<trace_task> tasks;           ///< index = id
  std::vector<std::uint32_t> decisions;    ///< chosen index at each choice with >= 2 options
  std::vector<trace_step> step_log;        ///< every step, when recorded
  std::vector<std::uint32_t> access;       ///< objects touched by the steps of step_log
  std::vector<timer_step> timer_log;       ///< timers armed, fired and stopped, with the step log
  std::uint64_t timers = 0;                ///< timers armed (their ids are 1..timers)
  std::vector<std::uint64_t> timer_preds;  ///< see timer_step::preds_begin
  /// Time mode `any`: a timer fires after its predecessors only (timer_preds);
  /// otherwise after every timer due earlier.
  bool causal_time = false;
  /// The next step of every task (and the clock) that could still run when the
  /// execution stopped early (a panic, the step bound): what it would touch.
  std::vector<trace_step> pending_steps;
  stop_reason stop = stop_reason::quiescent;
  /// Quiescent with timers still armed: the objects (channels) of those timers. Each
  /// only sends into its channel, on which no blocked task waits, so none can wake
  /// a task (a ticker nobody stopped, whose owner is blocked elsewhere).
  std::vector<std::uint32_t> idle_timers;
  /// The leaks the mid-run check found, in the order it found them (the execution
  /// ran on: each named task stays blocked to the end).
  std::vector<leak_found> leaks_found;
  task_failure failure;                ///< when stop == failure: the first failure
  std::vector<task_failure> failures;  ///< every failure (more than one only with continue_after_failure)
  std::int32_t running = -1;           ///< the task that ran when a step limit stopped it
  std::uint32_t steps = 0;
  std::uint32_t preemptions = 0;  ///< decisions that switched away from a task that could go on
  std::int64_t end_time_ns = 0;
  std::string abort_message;  ///< when stop == aborted
  /// Time mode `any`: a ticker's tick was due while a task was ready but waited,
  /// its ticker's early ticks spent (execution_options::tick_budget).
  bool ticks_held = false;

  void clear() {
    events.clear();
    cases.clear();
    objects.clear();
    tasks.clear();
    decisions.clear();
    step_log.clear();
    access.clear();
    timer_log.clear();
    timers = 0;
    timer_preds.clear();
    causal_time = false;
    pending_steps.clear();
    stop = stop_reason::quiescent;
    idle_timers.clear();
    leaks_found.clear();
    failure = {};
    failures.clear();
    running = -1;
    steps = 0;
    preemptions = 0;
    end_time_ns = 0;
    abort_message.clear();
    ticks_held = false;
  }
  /// The object with id `id`, or nullptr.
  const trace_object* object(std::uint32_t id) const {
    return id >= 1 && id <= objects.size() ? &objects[id - 1] : nullptr;
  }
  /// The kind of object `id`; object_kind::none when it is not recorded.
  object_kind kind_of(std::uint32_t id) const {
    const trace_object* o = object(id);
    return o ? o->kind : object_kind::none;
  }
  /// How many of the first `n` events the interleaving lists: the entry number of
  /// the last of them, as reports print it.
  std::uint32_t listed_entries(std::size_t n) const {
    std::uint32_t k = 0;
    for (std::size_t i = 0; i < n && i < events.size(); ++i) k += events[i].listed() ? 1 : 0;
    return k;
  }
};

}  // namespace chancheck::detail
