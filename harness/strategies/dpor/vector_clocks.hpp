// vector_clocks.hpp: happens-before over the step log of one finished
// execution, by vector clocks (Fidge 1988, Mattern 1989), and the races it
// shows: two dependent steps of different processes that it does not order
// (Flanagan & Godefroid, "Dynamic partial-order reduction for model checking
// software", POPL 2005).
//
// Processes are the tasks, then the timer processes (a timer's firing; a
// ticker's ticks are one process, named by its first tick). Each step's clock
// is kept in a clock_tree (clock_tree.hpp): a step that only ticks its own entry
// costs a path of the trie, not an entry per process. Two steps are
// dependent when they touch a common object and one of them writes it; the
// clock pseudo-object (clock_object) is read by many steps, and a write of an
// object depends on every read since its last write (a wait group's decrements
// are reads of it too: harness/engine/object_sides.hpp). The caller adds the other edges
// (program order, spawn, wake-up, timer order) with join() before it asks for
// a step's races, then record()s the step. A wait group's waiter comes after
// every decrement, not only the one that woke it or brought the counter to zero:
// each decrement's wake clock joins the decrements since the counter last rose.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/clock_tree.hpp>

namespace chancheck::detail {

/// A step's vector clock, in the analysis' clock_tree.
using clock_ref = clock_tree::ref;

/// Vector clocks and race detection over one execution's step log.
class vector_clocks {
 public:
  /// Starts over for `r`: indexes its processes (the tasks, then the timer
  /// processes in the order they first appear) and clears every clock.
  void reset(const execution_record& r);

  /// How many processes `r` has.
  std::size_t procs() const { return nprocs_; }
  /// The dense index of process `proc` (a task id, or timer_proc(chain)).
  std::size_t index(std::int32_t proc) const {
    return proc >= 0 ? static_cast<std::size_t>(proc) : ntasks_ + static_cast<std::size_t>(dense_[proc_timer(proc)]);
  }
  /// Starts the clock of a new step: every clock so far is kept as it is.
  void begin_clock() { tree_.seal(); }
  /// Entry q of clock c.
  std::uint32_t at(clock_ref c, std::size_t q) const { return tree_.at(c, q); }
  /// Clock c with process p's entry set to its local time t.
  clock_ref with(clock_ref c, std::size_t p, std::uint32_t t) { return tree_.with(c, p, t); }
  /// Joins step `step`'s clock into vc (nothing when step < 0).
  void join(clock_ref& vc, std::int64_t step) {
    if (step >= 0) vc = tree_.join(vc, step_clock_[static_cast<std::size_t>(step)]);
  }
  /// Joins into vc what a task that step `step` woke, or handed a value, lock or
  /// units, has seen: the step's clock, and when it was a wait group's decrement,
  /// every decrement since the counter last rose (they commute, and the waiter
  /// waited for all of them). Nothing when step < 0.
  void join_wake(clock_ref& vc, std::int64_t step) {
    if (step >= 0) vc = tree_.join(vc, wake_clock_[static_cast<std::size_t>(step)]);
  }
  /// The last step process p ran so far, or -1.
  std::int64_t last_step_of(std::size_t p) const { return last_of_proc_[p]; }
  /// Counts one more step of process p and returns its local time.
  std::uint32_t tick(std::size_t p) { return ++local_[p]; }
  /// The local time process p's next step would get.
  std::uint32_t next_tick(std::size_t p) const { return local_[p] + 1; }

  /// True when step i (>= 0) is of another process than p and not ordered
  /// before a step of p whose clock is vc.
  bool racing(std::int64_t i, std::size_t p, clock_ref vc) const;
  /// True when step k (> i, recorded) is ordered after step i.
  bool ordered_after(std::size_t i, std::size_t k) const {
    return !racing(static_cast<std::int64_t>(i), index(r_->step_log[k].proc), step_clock_[k]);
  }
  /// Fills `races` with the steps of other processes that a step of p with
  /// clock vc and accesses accs[0, n) races with: the reads of each object it
  /// writes since that object's last write, then the latest racing last write of
  /// the objects it touches (Flanagan & Godefroid's race), then every other racing
  /// last write not ordered before that one (source-DPOR reverses every race,
  /// Abdulla et al.: the latest's reversal may end early, at a panic, or go
  /// another way, and never reach the others; two sides of one object, or two
  /// objects a select or a cond's wait touches, are written by unordered steps).
  void find_races(std::size_t p, clock_ref vc, const std::uint32_t* accs, std::uint32_t n,
                  std::vector<std::int64_t>& races);
  /// Every racing last write the last find_races() saw, those it left out included.
  const std::vector<std::int64_t>& racing_writes() const { return writes_; }
  /// Joins into vc the steps that accesses accs[0, n) depend on: the last
  /// write of each object, and for a write the reads since.
  void join_dependencies(clock_ref& vc, const std::uint32_t* accs, std::uint32_t n);
  /// Records step j, of process p, with its final clock vc, as the latest access of what it touches.
  void record(std::size_t j, std::size_t p, clock_ref vc, const std::uint32_t* accs, std::uint32_t n);

  /// The processes whose next step after step i can start the reversed race
  /// (i, j): the initials of v = notdep(i).j, the steps after i and before j_end
  /// not ordered after i, then j (whose clock is vcj) (source sets: Abdulla,
  /// Aronis, Jonsson, Sagonas, "Optimal dynamic partial order reduction", POPL
  /// 2014). The first lead() are those of the steps ordered before j, with j's
  /// own process first when it is one: the race's own reversal, from which a
  /// backtrack point is chosen; the others (of steps v only carries along) count
  /// when the race is tested against the branches already there.
  const std::vector<std::int32_t>& initials(std::size_t i, std::size_t j_end, std::int32_t proc_j, clock_ref vcj);
  /// How many of the last initials() lead (above).
  std::size_t lead() const { return lead_; }
  /// The steps of v but j, of the last initials() (after i, before j_end, not
  /// ordered after i), in step order (optimal DPOR's notdep(e, E), Abdulla et
  /// al., JACM 2017).
  const std::vector<std::size_t>& reversal_steps() const { return reversal_; }
  /// The process of v's first step, of the last initials(): one of its initials,
  /// the one a wakeup sequence for v starts with.
  std::int32_t first_initial() const { return first_initial_; }

 private:
  /// The slot of an access: its object id, clock_slot_ for the clock, the
  /// slot after it for the quiet pseudo-object, then the objects' second sides,
  /// or nobj_ for an id beyond the record's objects (ignored).
  std::size_t slot(std::uint32_t access) const {
    std::uint32_t o = access_object(access);
    if (o == clock_object) return clock_slot_;
    if (o == quiet_object) return clock_slot_ + 1;
    if (const std::uint32_t owner = side_owner(o); owner != o)
      return owner < clock_slot_ ? second_slot_ + owner : nobj_;
    return o < clock_slot_ ? o : nobj_;
  }

  const execution_record* r_ = nullptr;
  std::size_t ntasks_ = 0, nprocs_ = 0;
  std::size_t nobj_ = 0, clock_slot_ = 0, second_slot_ = 0;
  clock_tree tree_;                                      // every clock of this execution
  std::vector<std::int64_t> dense_;                      // timer process (by its chain's id) -> index after the tasks
  std::vector<clock_ref> step_clock_;                    // per step: its clock
  std::vector<clock_ref> wake_clock_;                    // per step: its clock for join_wake()
  std::vector<clock_ref> read_join_;                     // per wait group's slot: its reads' clocks joined
  std::vector<std::uint32_t> step_tick_;                 // per step: its process's local time
  std::vector<std::uint32_t> local_;                     // per process: its steps so far
  std::vector<std::int64_t> last_of_proc_, last_write_;  // per process; per slot
  // Per slot, the reads since its last write: a list through read_next_, newest first.
  std::vector<std::int32_t> read_head_, read_next_;
  std::vector<std::int64_t> read_step_;
  std::vector<std::int64_t> writes_;    // scratch of find_races()
  std::vector<std::int32_t> initials_;  // scratch of initials()
  std::vector<std::size_t> reversal_;   // scratch of initials()
  std::size_t lead_ = 0;                // of the last initials()
  std::int32_t first_initial_ = -1;     // of the last initials()
  std::vector<std::uint32_t> first_;
  std::vector<std::size_t> seen_procs_;
};

}  // namespace chancheck::detail
