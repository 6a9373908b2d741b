// timer_order.hpp: how timers order the steps of one execution, for dpor.
//
// Each timer's firing is a process of its own (a ticker's ticks are one). A
// firing happens after its arming and after the removal (firing or stop) of the
// timers it waits for. In time mode `any` those are the predecessors the engine
// recorded (harness/time/causal_clock.hpp), and the timers due earlier that its
// arming had seen gone already (armed first, it would have waited for them too):
// arming and stopping read the set of armed timers, a ticker's re-arming writes
// it. In `exact` one clock orders them: every timer due earlier, arming and now()
// read the clock and a firing that moves it writes it, and arming a timer due
// before one that already fired conflicts with that firing (it would have kept it
// from firing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/vector_clocks.hpp>

namespace chancheck::detail {

/// The timer edges of happens-before over one execution's step log.
class timer_order {
 public:
  /// Starts over for `r`: where each timer was armed, its deadline, and the
  /// removals (firings and stops) in order.
  void reset(const execution_record& r);

  /// The timer that step `step` fired (0: none).
  std::uint64_t fired_at(std::size_t step) const { return fired_at_[step]; }
  /// The last timer armed in ticker chain `chain` (its next tick).
  std::uint64_t last_tick(std::uint64_t chain) const { return last_tick_[chain]; }

  /// Joins into vc what the firing of timer `id` as step j waits for: its
  /// arming, and the removal before j of its predecessors and of the timers due
  /// earlier its arming had seen gone (`any`), or of every timer due earlier (`exact`).
  void join_predecessors(vector_clocks& hb, clock_ref& vc, std::size_t j, std::uint64_t id) const;

  /// Fills `out` with the firings before step j that a timer armed in step j
  /// (due earlier) conflicts with (`exact` only), and moves past step j's arms.
  void arm_conflicts(std::size_t j, std::vector<std::int64_t>& out);

  /// True when chain `chain` has a timer armed before step i, not removed before
  /// it, that waits then for no predecessor still armed (`any`; `exact` has none):
  /// if it cannot fire at step i's decision, it is held until every task waits
  /// (time mode `exact`, or a ticker past its early ticks), which no other timer's
  /// firing or stop can change.
  bool held_at(std::uint64_t chain, std::size_t i) const;
  /// True when chain `chain`'s timer armed before step i, not removed before it, is
  /// a ticker's tick past its early ticks (timer_step::quiet_only): it fires only
  /// once every task waits, whatever the other timers do.
  bool quiet_only_at(std::uint64_t chain, std::size_t i) const {
    const std::uint64_t id = armed_at(chain, i);
    return id != 0 && r_->timer_log[arm_entry_[id]].quiet_only;
  }

  /// True when timer `id` is a ticker's tick past its early ticks armed before
  /// step i: it fires only once every task waits, so never before step i when
  /// step i is a task's (its task is ready until it runs step i).
  bool quiet_only_before(std::uint64_t id, std::size_t i) const {
    return id != 0 && armed_then(id, i) && r_->timer_log[arm_entry_[id]].quiet_only;
  }

  /// Fills `out` with the predecessors of chain `chain`'s timer armed before
  /// step i that are still armed then (time mode `any`): it fires only after them.
  void armed_predecessors(std::uint64_t chain, std::size_t i, std::vector<std::uint64_t>& out) const;
  /// The ticker chain of timer `id` (its own id unless it is a ticker's later tick).
  std::uint64_t chain_of(std::uint64_t id) const { return r_->timer_log[arm_entry_[id]].chain; }

  /// Notes that step j, a timer process's step, fired (after its races were
  /// found: a step does not conflict with its own firing).
  void note_firing(std::size_t j);

 private:
  /// True when timer q was armed before step i (-1: before the first step) and not removed before it.
  bool armed_then(std::uint64_t q, std::size_t i) const;
  /// Chain `chain`'s timer armed before step i and not removed before it, or 0.
  std::uint64_t armed_at(std::uint64_t chain, std::size_t i) const;
  /// True when arming or tick entry `a` recorded a predecessor still armed before
  /// step i; with `out`, appends every such one to it.
  bool waits_then(const timer_step& a, std::size_t i, std::vector<std::uint64_t>* out) const;
  /// Joins the removals of the predecessors an arming or a tick recorded.
  void join_recorded(vector_clocks& hb, clock_ref& vc, std::size_t j, const timer_step& a) const;

  const execution_record* r_ = nullptr;
  std::vector<std::int64_t> arm_step_, deadline_, removed_at_;
  std::vector<std::size_t> arm_entry_;    // per timer: its arming's index in timer_log
  std::vector<std::uint64_t> fired_at_;   // per step: the timer it fired (0: none)
  std::vector<std::uint64_t> last_tick_;  // per chain: its last armed timer
  std::vector<timer_step> removals_, fires_, follows_;
  std::size_t next_arm_ = 0;  // cursor into timer_log for the arms of the next step
};

}  // namespace chancheck::detail
