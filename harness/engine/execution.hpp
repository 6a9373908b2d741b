// execution.hpp: runs one execution of a scenario under a strategy. Every task
// is a fiber on the calling OS thread; a task runs until its next scheduling
// point, where the strategy picks who goes on (or whether a timer fires), and the
// engine switches straight from fiber to fiber. Everything that happens goes
// into an execution_record. One execution object is reused across executions so
// that stacks, vectors and the trace keep their memory.
#pragma once

#include <boost/context/fiber.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <chancheck/harness/engine/object_sides.hpp>
#include <chancheck/harness/fiber/stack_pool.hpp>
#include <chancheck/harness/record/execution_options.hpp>
#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/strategy.hpp>
#include <chancheck/harness/time/causal_clock.hpp>
#include <chancheck/model/controller.hpp>
#include <chancheck/model/leak_fixpoint.hpp>

namespace chancheck::detail {

/// The engine of one execution; implements the kit's controller, and answers the
/// strategy about the execution under way.
class execution final : public controller, public live_execution {
 public:
  execution();
  ~execution() override;
  execution(const execution&) = delete;
  execution& operator=(const execution&) = delete;

  /// Runs `body` as task 0 ("main") to quiescence or a stop, filling `out`.
  void run(const std::function<void()>& body, strategy& s, const execution_options& o, execution_record& out);

  // controller
  void schedule_point(const op_desc& op) override;
  bool park() override;
  void* current_task() override;
  void unpark(void* task) override;
  std::size_t choose(std::size_t n, const op_desc& op) override;
  void select_chose(const op_desc& op, std::uint32_t index) override;
  void spawn(std::function<void()> fn, const char* name, std::source_location loc, memory_range closure) override;
  void chan_made(std::uint32_t id, handle_registry* r) override;
  void chan_gone(std::uint32_t id) override;
  void handle_changed(std::uint32_t id) override;
  void value_sent(const void* value, std::size_t size) override;
  [[noreturn]] void misuse(const op_desc& op, const object_origin& made) override;
  /// Ends the execution with a task-limit failure: the running task's go() at `at`
  /// would start one task more than opts.max_tasks.
  [[noreturn]] void task_limit(trace_loc at);
  /// Records `f` (the running task's, at its operation f.op at f.loc) as the
  /// execution's failure and leaves the task for good: teardown abandons it.
  [[noreturn]] void fail_running_task(task_failure f);
  std::uint32_t register_object(object_kind kind, std::size_t cap, std::source_location loc,
                                const char* label) override;
  time_point now() override;
  std::uint64_t add_timer(duration d, std::function<void()> fire, std::uint32_t obj, timer_effect effect) override;
  bool stop_timer(std::uint64_t id) override;
  bool tearing_down() const override { return tearing_down_; }
  void touch(std::uint32_t obj) override;
  void peek(std::uint32_t obj) override;
  void hold_changed(std::uint32_t obj, op_kind how, bool taken) override;

  // live_execution
  std::uint32_t next_side(std::int32_t proc) const override;
  std::span<const std::uint64_t> runnable_tasks() const override { return runnable_; }

 private:
  struct task {
    boost::context::fiber fiber;
    std::function<void()> fn;
    task_state state = task_state::runnable;
    int prelude_parent = -1;  ///< >= 0 while it runs its prelude for this task
  };
  static constexpr std::uint32_t no_edge = UINT32_MAX;  ///< the end of a dep_edge list
  struct timer {
    std::int64_t deadline;
    std::uint64_t id;
    std::uint32_t obj;
    std::function<void()> fire;
    bool armed;
    bool rearmed = false;              ///< armed by a timer's own firing (a ticker's next tick)
    time_stamp stamp;                  ///< time mode `any`: what its arming had seen
    std::vector<std::uint64_t> preds;  ///< time mode `any`: the timers it fires after
    std::uint64_t chain = 0;           ///< the id of a ticker's first tick (its own id otherwise)
    timer_effect effect = timer_effect::any;
    std::uint32_t blockers = 0;          ///< while armed: how many of its preds are armed
    std::uint32_t dependents = no_edge;  ///< the first of the dep_edges_ listing the timers it is a pred of
    std::uint32_t early_ticks = 0;       ///< a ticker's tick: how many of its ticker's ticks fired early before it
  };
  /// One "timer `timer` has this one among its preds" in a list of dep_edges_.
  struct dep_edge {
    std::uint32_t timer;  ///< its index in timers_
    std::uint32_t next;   ///< the next edge of the same list, or no_edge
  };

  struct task_stack;
  /// The last time a handle of a channel went away: the step, the task, its last operation.
  struct handle_drop {
    std::uint32_t step = 0;
    std::uint32_t entry = 0;  ///< the trace's events so far
    std::int32_t by = -1;
    trace_loc at;
  };

  static constexpr int host = -1;
  static constexpr int stop = -2;

  int decide(int self);
  /// Asks the strategy which of options_ runs (at a lone option, whether it is
  /// redundant); false when it stopped the execution (pruned or aborted).
  bool ask_strategy(int self, std::uint32_t& k, std::int32_t& decision);
  void transfer(int to);
  void adopt(boost::context::fiber&& back);
  /// Fills options_ with who may go next: the runnable tasks (`self` first), then
  /// the timers that may fire; returns how many of the options are tasks.
  std::size_t gather_options(int self);
  /// True when timer t is a ticker's tick past its early ticks (tick_budget, time
  /// mode `any`): it fires only once every task waits.
  bool waits_for_quiet(const timer& t) const { return t.rearmed && t.early_ticks >= opts_.tick_budget; }
  /// Adds the armed timers still due at the instant the clock last moved to (time
  /// mode `exact`); false when none is left.
  bool add_instant_timers();
  /// Adds the timers that may fire now (time mode `any`: those whose
  /// predecessors are gone; a ticker's ticks past its early ones only when
  /// every task waits, `quiet`).
  void add_due_timers(bool quiet);
  /// Fires timer `tm` chosen at `decision` with `ntasks` tasks ready: a ticker's
  /// tick fired then is early and counts against its tick_budget.
  void fire_tick_or_timer(int tm, std::int32_t decision, std::size_t ntasks);
  /// True when some task is blocked and every armed timer only sends into a channel
  /// no blocked task waits on: with no task runnable, no firing can wake one.
  bool timers_idle() const;
  /// Records the armed timers left at quiescence (execution_record::idle_timers).
  void note_idle_timers();
  /// Appends to the record's timer_preds the latest timers (at most 8) `t`'s arming
  /// had seen armed that are gone now (time mode `any`); returns how many.
  std::uint32_t log_gone_timers(const timer& t);
  int timer_index(std::uint64_t id) const;
  /// True when timer `id` is of this execution and still armed.
  bool armed_now(std::uint64_t id) const;
  int armed_in_chain(std::uint64_t chain) const;
  /// Fires timer `index` chosen at `decision`; `early`: a ticker's tick fired while a task is ready.
  void fire_timer(int index, std::int32_t decision, bool early);
  void log_timer(timer_step::kind_t kind, const timer& t);
  std::int64_t actor_time() const;
  void record_op(int t, const op_desc& op, event_kind kind);
  void begin_step(int proc, std::int32_t decision);
  void touch_op(const op_desc& op);
  /// Adds `obj` to the running step's accesses (the step log only, no time flows):
  /// both sides of a two-sided object (object_sides.hpp).
  void record(std::uint32_t obj);
  /// Adds the one access `a` to the running step's accesses, once.
  void record_one(std::uint32_t a);
  /// touch() of an object whole: both sides of a two-sided one.
  void touch_whole(std::uint32_t obj);
  /// Time mode `any`: the time the running task's step on one side of two-sided
  /// object `obj` takes in and gives.
  void flow_side(std::uint32_t obj, std::uint32_t side);
  /// touch() of one side `side` of two-sided object `obj` (object_sides.hpp).
  void touch_side(std::uint32_t obj, std::uint32_t side);
  /// The running step's index in the step log (-1 before the first).
  std::int32_t step_index() const { return static_cast<std::int32_t>(rec_->step_log.size()) - 1; }
  /// Appends `obj` to `acc` as record() would (both sides of a two-sided object).
  void append_object(std::vector<std::uint32_t>& acc, std::uint32_t obj) const;
  void record_pending();
  boost::context::fiber make_fiber(int id);
  /// True when task t is blocked in a send, receive or select on channels (main never is).
  bool blocked_on_channels(int t) const;
  /// Runs the mid-run leak check at this step: a handle of channel `obj` went away
  /// (`dropped`) in task `by` after `at`, or task `by` blocked at `at`. Records what
  /// it finds in execution_record::leaks_found; the execution runs on.
  void check_leaks(bool dropped, std::uint32_t obj, std::int32_t by, trace_loc at);
  /// Fills leak_views_; false when no task may be leaked (nothing to check).
  bool fill_leak_views();
  /// Marks timers_[index] fired or stopped; the timers that waited for it may become due.
  void disarm(std::size_t index);
  /// Records that timers_[dependent] has `pred` among its preds.
  void add_dependent(timer& pred, std::uint32_t dependent);
  /// Sets task t's state, and its bit in runnable_.
  void set_state(int t, task_state state);
  /// The channels task t waits on, into `out` (empty unless blocked on channels).
  void waits_of(int t, std::vector<std::uint32_t>& out) const;
  /// Task t's whole fiber stack, or empty once it returned.
  memory_range stack_range(std::size_t t) const;
  /// Puts task t's stack and closure in task_memory_ as they are now (empty once it returned).
  void index_memory(int t);
  /// True while a timer that runs user code (after_func) is armed: its function,
  /// kept on the heap, may hold a pointer into any task's stack, which the mid-run
  /// check cannot see, so it names no leak until that timer fired or stopped.
  bool user_timer_armed() const;
  /// Records in `f` the last handle drop of a channel the leaked tasks wait on.
  void note_last_drop(leak_found& f) const;
  void teardown();
  /// Turns a kit call from a foreign thread during this execution into its failure.
  void note_foreign_calls();

  stack_pool stacks_;
  std::vector<boost::context::stack_context> task_stacks_;  ///< per task: its stack while in use
  boost::context::fiber host_;
  std::vector<task> tasks_;
  std::vector<timer> timers_;
  std::vector<std::uint32_t> armed_list_;  ///< the indices of the armed timers in timers_, ascending
  /// The armed timers none of whose preds is armed (ascending): time mode `any`'s
  /// timer options, kept as timers are armed and disarmed instead of being looked
  /// for at every scheduling point (with N calls' timers armed that look was O(N)
  /// a step).
  std::vector<std::uint32_t> due_list_;
  std::vector<dep_edge> dep_edges_;  ///< the timers' dependents lists (cleared with timers_: no allocation per timer)
  std::vector<int> options_;
  /// Per task: its op in progress (a select's cases stay valid while it waits in it).
  std::vector<op_desc> last_ops_;
  std::uint64_t next_timer_id_ = 0;
  std::uint64_t timer_base_ = 0;          ///< timers_[i] has id timer_base_ + 1 + i
  std::size_t armed_ = 0;                 ///< timers armed and not yet fired or stopped
  std::int64_t clock_ = 0;                ///< the latest deadline fired (time mode `exact`: the clock)
  std::int64_t instant_ = -1;             ///< time mode `exact`: the deadline the clock last moved to
  std::uint64_t instant_last_id_ = 0;     ///< the last timer armed before the clock moved there
  causal_clock causal_;                   ///< time mode `any`: each task's and object's time
  std::uint64_t firing_chain_ = 0;        ///< the chain of the timer whose callback runs
  std::uint64_t firing_id_ = 0;           ///< the timer whose callback runs
  std::uint32_t firing_early_ticks_ = 0;  ///< the early ticks of the firing ticker, its own included
  bool quiet_ = false;                    ///< every task waited at the last decision
  int current_ = host;
  int switched_from_ = host;
  bool tearing_down_ = false;
  bool stopping_ = false;
  bool steps_on_ = false;
  bool lone_checks_ = false;  ///< the strategy is asked about scheduling points with one option (strategy.hpp)
  bool firing_ = false;       ///< inside a timer's callback
  std::vector<std::int32_t> wake_step_;  ///< per task: the step that unblocked it
  std::vector<std::int32_t> last_step_;  ///< per task: its latest step in the step log
  object_sides sides_;                   ///< the two-sided objects, and the mirrors they need
  std::vector<memory_range> closures_;   ///< per task: its go() closure's captures (empty when unknown)
  std::vector<handle_registry*> chans_;  ///< per object id: the channel's handle registry (nullptr: none)
  std::vector<handle_drop> drops_;       ///< per object id: the last time one of its handles went away
  std::vector<char> leak_reported_;      ///< per task: named by the mid-run check already
  std::vector<char> escaped_;            ///< per task: an address in its memory was sent on a channel
  memory_index task_memory_;             ///< the live tasks' stacks and closures, by address
  std::vector<std::uint64_t> runnable_;  ///< a bit per task: runnable (gather_options reads it)
  std::vector<leak_task_view> leak_views_;
  std::vector<std::uint32_t> changed_;  ///< the channels whose change runs the mid-run check
  leak_fixpoint leak_check_;
  strategy* strategy_ = nullptr;
  execution_options opts_;
  execution_record* rec_ = nullptr;
};

}  // namespace chancheck::detail
