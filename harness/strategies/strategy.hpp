// strategy.hpp: how the explorer asks what to do next, and the protocol every
// search strategy keeps. Strategies are listed in strategy_registry.cpp.
//
// Protocol, within one exploration (harness/engine/explorer.cpp drives it):
//
//  1. The registry's factory builds the strategy from the explore_options. One
//     strategy object serves every execution of one exploration and is then
//     destroyed: it may keep search state across executions, never across
//     explorations.
//  2. For each execution: begin_execution(). False means nothing is left to
//     explore: the explorer stops and reads exhausted(). Otherwise the engine
//     runs one execution:
//     a. attach(record, engine) once at its start, with the record the engine
//        fills (empty at that point; the engine records the step log in it only
//        when wants_steps()) and what the engine answers about the execution
//        under way (live_execution). Both pointers stay valid, and the record
//        keeps growing, until attach(nullptr, nullptr) at the end of the same
//        execution; the last step of its step log may still be running, so its
//        access list can grow.
//     b. pick_task() at each scheduling point where n >= 2 processes can move (a
//        decision with one option is taken without asking), pick(select, n) for a
//        select with n >= 2 ready cases, and pick(value, n) for a choose(n) with
//        n >= 2 (right after that task's scheduling point for the choose), in the
//        order the execution reaches them. Both picks are data choices of the
//        running task: an exhaustive strategy explores every answer, a sampling
//        one draws it from its seed, replay reads it from the token.
//        With checks_lone_options(), lone_option_redundant(proc) is asked too at
//        each scheduling point where only `proc` can move; true prunes the
//        execution as redundant (as returning n from pick_task does).
//     c. attach(nullptr, nullptr) once the execution has stopped; the record is then
//        complete (pending steps included) and stays valid until the next
//        begin_execution().
//  3. end_execution() after every execution, aborted and pruned ones included;
//     the strategy reads the finished record there, through the pointer it was
//     attached last, to plan what comes next.
//     counted() is read right after it: false when that execution belongs to
//     another shard (shard_slice.hpp; it ran only to learn what the shard needs
//     of it): the explorer neither counts it nor checks it. sampled() is read
//     then too: true when that execution was a sample run beside an exhaustive
//     search (the portfolio's pct executions); the explorer checks it and counts
//     it apart (explore_result::samples), so the search's own count stays that of
//     the exhaustive strategy alone.
//  4. When the explorer stops (exhausted, a failing execution, an execution or
//     time bound, an error) it reads summary(), coverage() and explored_estimate() once.
//  5. Checkpoints (search_state.hpp), for a resumable() strategy only: save() may
//     be called between executions, right after end_execution() and counted()
//     (never during one), and must write everything the rest of the search
//     depends on. restore() is called at most once, right after construction from
//     the same explore_options and before the first begin_execution(); after a
//     true return the strategy goes on exactly as the saved one would have: the
//     same executions with the same decisions, the same counted() and
//     exhausted(). A state it cannot read (another strategy's, misshapen) makes it
//     return false. Per-execution scratch (race analysis, the live record) needs
//     no saving: it is rebuilt by the next execution.
//
// Returning n (or more) from a pick stops the execution: with error() set it is
// aborted and the exploration ends with that message; from pick_task with error()
// empty it is pruned as redundant (not counted as an execution) and the search
// goes on; from pick with error() empty it is aborted without a message.
//
// Determinism: the answers may depend only on the calls so far (the options,
// the running task, the attached record and the explore_options), never on real
// time, addresses or global state: the same sequence of calls gets the same
// answers, so a search is repeatable and its execution counts are exact.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <chancheck/harness/record/explore_result.hpp>
#include <chancheck/harness/strategies/search_state.hpp>

namespace chancheck::detail {

struct execution_record;

/// What the engine answers a strategy about the execution under way, beyond its
/// record: asked while a pick is made.
class live_execution {
 public:
  /// The one side of a two-sided object (trace.hpp, second_side) that process
  /// `proc`'s next step would touch now, or 0 (none, both, or not a task). It
  /// can change under other tasks' steps (harness/engine/object_sides.hpp).
  virtual std::uint32_t next_side(std::int32_t proc) const = 0;
  /// The tasks that can run now, a bit per task (task t is bit t % 64 of word t /
  /// 64). At a pick_task whose first option is a task, they are exactly its tasks.
  virtual std::span<const std::uint64_t> runnable_tasks() const = 0;

 protected:
  ~live_execution() = default;
};

/// What a decision is about: which process runs (task), which ready case a
/// select takes (select), which value a choose(n) returns (value).
enum class decision_kind : std::uint8_t { task, select, value };

/// The search strategy interface; see the protocol above.
class strategy {
 public:
  virtual ~strategy() = default;
  /// Starts an execution; false when the strategy has nothing left to explore.
  virtual bool begin_execution() = 0;
  /// Picks one of n >= 2 options: the ready cases of a select (kind select), the
  /// values of a choose(n) (kind value), or the tasks of pick_task when it is not
  /// overridden. Returning n or more stops
  /// the execution (see the protocol).
  virtual std::uint32_t pick(decision_kind kind, std::uint32_t n) = 0;
  /// Picks which process runs next among `options` (n >= 2; a task id, or a
  /// negative timer process, timer_proc(id): that timer fires). `running` is the
  /// task that reached the scheduling point (or -1); when it can go on it is
  /// options[0], and picking another task preempts it. The other tasks follow in
  /// ascending order, then the timers. Returns an index into
  /// options; n or more aborts the execution (error() set) or prunes it as
  /// redundant (error() empty).
  virtual std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) {
    (void)running;
    return pick(decision_kind::task, static_cast<std::uint32_t>(options.size()));
  }
  /// True when the strategy is asked about scheduling points where one process
  /// only can move (lone_option_redundant). Constant over the strategy's life.
  virtual bool checks_lone_options() const { return false; }
  /// With checks_lone_options(): true when running `proc`, the only process that
  /// can move, is redundant; the execution is then pruned.
  virtual bool lone_option_redundant(std::int32_t proc) {
    (void)proc;
    return false;
  }
  /// True when the strategy reads the step log (the engine records it only then).
  /// Constant over the strategy's life.
  virtual bool wants_steps() const { return false; }
  /// True when every execution should be recorded with its full trace: the
  /// execution found is then the result as it is, without a traced replay.
  /// Constant over the strategy's life.
  virtual bool wants_trace() const { return false; }
  /// The record of the execution under way and the engine running it (see the
  /// protocol, step 2a and 2c).
  virtual void attach(const execution_record* live, const live_execution* engine) {
    (void)live;
    (void)engine;
  }
  /// Ends an execution (see the protocol, step 3).
  virtual void end_execution() {}
  /// False when the execution that just ended belongs to another shard (see the
  /// protocol, step 3): it is neither counted nor checked.
  virtual bool counted() const { return true; }
  /// True when the execution that just ended was a sample beside the search (see
  /// the protocol, step 3): checked, and counted apart from the search's executions.
  virtual bool sampled() const { return false; }
  /// True once begin_execution() returned false because every execution the
  /// strategy covers was explored: a proof, for its coverage(). Sampling
  /// strategies and replay never say so.
  virtual bool exhausted() const { return false; }
  /// An estimate of the part of the search done, 0 to 1 (1 once exhausted), or
  /// negative when the strategy cannot tell (sampling strategies, shards). Read
  /// when the explorer stops.
  virtual double explored_estimate() const { return -1; }
  /// Why the last execution was aborted, or "".
  virtual std::string error() const { return {}; }
  /// A line about what the search covered (pct's probabilistic guarantee), or "".
  virtual std::string summary() const { return {}; }
  /// What kind of coverage the search gives (it may change as the search learns
  /// the scenario: dpor turns its split off when the groups touch each other).
  /// The default suits a search whose exhausted() means it ran every sequence of
  /// decisions.
  virtual coverage_kind coverage() const { return coverage_kind::every_interleaving; }
  /// True when the strategy can save its search state and be restored from it (protocol, step 5).
  virtual bool resumable() const { return false; }
  /// Appends the search state between executions (protocol, step 5).
  virtual void save(search_state_writer& out) const { (void)out; }
  /// Restores a state save() wrote, before the first execution; false when it does not fit (protocol, step 5).
  virtual bool restore(search_state_reader& in) {
    (void)in;
    return false;
  }
};

}  // namespace chancheck::detail
