// reversal_reach.hpp: what the reversals that count on a backtrack branch are
// made of, so that the branch can be dropped at its turn when a task asleep at its
// decision, whose step touches nothing, covers all of them.
//
// A race (i, j) adds a branch at the decision before step i, for a process that
// starts its reversal v (the steps after i not ordered after it, then j), or
// counts on a branch already there. A task z asleep at that
// decision whose step touches nothing (a woken task's return from its wait)
// commutes with every step: every execution that reverses the race is equivalent
// to one that starts with z, and z's subtree, explored before (its branch at this
// decision, or at an earlier one it still sleeps from), holds one of each such
// class. So when every reversal counting on the branch leaves z out, the branch
// adds no class, and is dropped at its turn (optimal DPOR's test of a sequence's
// weak initials against the sleep set, Abdulla, Aronis, Jonsson, Sagonas, "Source
// sets: a foundation for optimal dynamic partial order reduction", JACM 2017, for
// the one kind of sleeper for which it holds without wakeup trees;
// docs/exploration.md, "Redundant executions", says why a sleeper that touches
// something is not enough there).
//
// The test is conservative: a reversal that fires a timer, makes a task, object or
// timer (ids are numbered in order, and would change with z's place), touches the
// quiet pseudo-object (which step leaves every task waiting depends on z's place),
// is longer than max_steps, or whose j did not run makes the reach opaque.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// The processes of the reversals counting on one branch, or opaque.
struct reversal_reach {
  bool opaque = false;              ///< some reversal is beyond the test: the branch stays
  std::vector<std::int32_t> procs;  ///< the processes that take their steps, sorted, no repeats

  /// The most steps a reversal may have: a longer one makes the reach opaque.
  static constexpr std::size_t max_steps = 64;

  /// Adds the reversal made of steps `steps` of `r`, then step j_end of proc_j when
  /// it ran (else the reach becomes opaque). makes[k] is nonzero when step k made a
  /// task, an object or a timer (makers()).
  void add(const execution_record& r, std::span<const std::size_t> steps, std::size_t j_end, std::int32_t proc_j,
           std::span<const char> makes);
  /// Fills `makes` for add(): per step of `r`, whether it made a task, an object or a timer.
  static void makers(const execution_record& r, std::vector<char>& makes);
  /// Adds what `o` holds.
  void merge(const reversal_reach& o);
  /// True when task `proc`, whose step touches nothing, takes no step in any
  /// reversal added: it can go first in each of them.
  bool silent_commutes(std::int32_t proc) const;

 private:
  /// Adds step k of r; false when the step is beyond the test.
  bool add_step(const execution_record& r, std::size_t k, std::span<const char> makes);
  /// Sorts and drops repeats.
  void normalise();
};

}  // namespace chancheck::detail
