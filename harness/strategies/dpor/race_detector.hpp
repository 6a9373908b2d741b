// race_detector.hpp: the race analysis dpor runs after each execution.
//
// Vector clocks over the step log give happens-before: program order, spawn,
// wake-up, timer order (timer_order.hpp), dependent steps in order
// (vector_clocks.hpp), and a two-sided object's partner before the steps that
// follow the one that named it (not before that step itself). For every step j,
// the last earlier dependent step i of another process that does not happen
// before j is a race (Flanagan & Godefroid, "Dynamic partial-order reduction for
// model checking software", POPL 2005), and so is every other racing last write of
// the objects j touches that i does not come after (source-DPOR reverses every
// race; for a write of the clock pseudo-object, every read since the last write).
// Two kinds of steps that did not run are checked too: a timer stopped in step j
// could have fired just before its stop (FG05 check the next transition of every
// process, enabled or not), and the steps still pending when the execution
// stopped early.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/timer_order.hpp>
#include <chancheck/harness/strategies/dpor/vector_clocks.hpp>

namespace chancheck::detail {

/// Finds the races of a finished execution.
class race_detector {
 public:
  /// Called per race (i, j): step i, the step j of process proc_j (or one that
  /// could have run at j_end) whose clock is vcj; the steps between i and j are
  /// those before j_end.
  using race_handler = std::function<void(std::size_t i, std::size_t j_end, std::int32_t proc_j, clock_ref vcj)>;

  /// Reports every race of `r` to on_race, in step order.
  void analyse(const execution_record& r, const race_handler& on_race);

  /// The happens-before of the execution analysed last (valid until the next analyse()).
  vector_clocks& clocks() { return hb_; }
  /// The timer edges of the execution analysed last.
  const timer_order& timers() const { return timers_; }

 private:
  /// A step's clock before its dependent steps are joined: program order,
  /// spawn, wake-up, and for timer `id`'s firing the timer order.
  void base_clock(const execution_record& r, const trace_step& st, std::size_t j, clock_ref& vc, std::uint64_t id);
  /// Step j: its clock and its races.
  void analyse_step(const execution_record& r, std::size_t j, const race_handler& on_race);
  /// Drops from races_ the task steps before which timer `id`'s firing, a tick
  /// past its ticker's early ticks, cannot come (timer_order::quiet_only_before).
  void drop_held_races(const execution_record& r, std::uint64_t id);
  /// Drops from races_ the early ticks that step j, which left every task waiting
  /// (its read of the quiet pseudo-object), races with only through that read (that
  /// find_races() reports only with it), when no step of the race's reversal would
  /// leave every task waiting (quiet_without).
  void drop_unquiet_races(const execution_record& r, std::size_t j, std::size_t p, clock_ref vc);
  /// False when a task other than step j's was ready when tick i fired and its next
  /// step is ordered after i: in v = notdep(i).j it takes no step, so it is ready
  /// all through v, and neither j nor any step before it leaves every task waiting.
  bool quiet_without(const execution_record& r, std::size_t i, std::size_t j);
  /// The firings of the timers stopped in step j, as if they had run instead.
  void analyse_stops(const execution_record& r, std::size_t j, const race_handler& on_race);
  /// The steps that could still have run when the execution stopped.
  void analyse_pending(const execution_record& r, const race_handler& on_race);
  /// A step that did not run, of process proc, at j_end, touching accs[0, n).
  void analyse_unrun(const execution_record& r, const trace_step& st, std::size_t j_end, std::uint64_t id,
                     const std::uint32_t* accs, const race_handler& on_race);

  vector_clocks hb_;
  timer_order timers_;
  std::vector<std::int64_t> races_, arm_conflicts_, other_races_;
  std::vector<std::uint32_t> accs_;  // scratch of drop_unquiet_races()
  std::vector<char> seen_;           // scratch of quiet_without(): per task
  // Per process: the last partner (trace_step::partner) of its steps, which its
  // next steps come after. The step that names it is not: it could have arrived
  // first (a rendezvous, a lock taken when free), and a step that sees both sides
  // tells the two orders apart (docs/exploration.md, "A rendezvous is one event").
  std::vector<std::int64_t> carry_;
  std::size_t next_stop_ = 0;  // cursor into timer_log for the stops of the next step
};

}  // namespace chancheck::detail
