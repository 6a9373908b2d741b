// leak_found.hpp: a leak the mid-run check (model/leak_fixpoint.hpp)
// found certain before quiescence: the tasks, the step, and what made it certain
// (the last other handle of a channel they wait on going away, or a task blocking).
#pragma once

#include <cstdint>
#include <vector>

#include <chancheck/harness/record/trace_loc.hpp>

namespace chancheck::detail {

/// Tasks blocked on channels that no task able to run again can reach.
struct leak_found {
  std::uint32_t step = 0;                 ///< the step at which it became certain
  std::uint32_t entry = 0;                ///< the trace's events so far (0 untraced); execution_record::listed_entries
  std::vector<std::int32_t> tasks;        ///< the leaked tasks, ascending
  std::vector<std::uint32_t> task_steps;  ///< each leaked task's steps so far (it must never take another)
  /// What made it certain: true, a handle of channel `obj` went away (destroyed
  /// or reassigned) in task `by` after its operation at `at`; false, task
  /// `by` blocked at `at`.
  bool dropped = false;
  std::uint32_t obj = 0;
  std::int32_t by = -1;  ///< -1: a timer's firing
  trace_loc at;
  std::uint32_t drop_step = 0;   ///< when !dropped: the last step a handle of their channels went away (0: none)
  std::uint32_t drop_entry = 0;  ///< the trace's events at that step (0 untraced)
  std::int32_t drop_by = -1;     ///< that step's task
  trace_loc drop_at;             ///< that task's operation before it
  std::uint32_t drop_obj = 0;    ///< that channel
};

}  // namespace chancheck::detail
