// child_run.hpp: runs one piece of work (checking or replaying a scenario) in a child
// process and watches it. The parent forks, never runs user code, and reads the
// child's report from a pipe. Meanwhile it watches the journal the child's engine
// writes: a step counter that stops moving for the watchdog's time means a task runs
// without a scheduling point or blocks outside the kit, and a search that outlives its
// budget by a second is ended, and so is a child at work when the run is stopped by
// SIGINT or SIGTERM. Each way the child is killed (SIGKILL).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <chancheck/harness/record/crash_journal.hpp>

#include "tools/isolation/scenario_report.hpp"

namespace chancheck::detail {

/// How the parent watches a child.
struct child_limits {
  std::chrono::milliseconds watchdog{10000};  ///< longest time without a scheduling point
  std::chrono::milliseconds budget{0};        ///< the search's budget (0: none); ended a second past it
  /// Called at each poll (every 50 ms or sooner) with the executions the child has
  /// started and the seconds it has run; may be empty.
  std::function<void(std::uint64_t executions, double seconds)> progress;
  /// The search saves checkpoints: a stop first asks the child for a last one
  /// (crash_journal::checkpoint_asked) and waits up to checkpoint_grace for it.
  bool checkpoint_on_stop = false;
  std::chrono::milliseconds checkpoint_grace{2000};
};

/// How a child ended.
struct child_end {
  enum class how_t {
    reported,     ///< it sent its report and exited
    died,         ///< a signal or an exit ended it before it reported
    hung,         ///< the watchdog ended it: no scheduling point for too long
    over_budget,  ///< it outlived the budget by more than a second
    interrupted,  ///< SIGINT or SIGTERM stopped the run while it worked (stop_signal.hpp)
  };
  how_t how = how_t::died;
  int signal = 0;           ///< died: the signal, or 0 when it exited
  int exit_status = 0;      ///< died without a signal: its exit status
  std::string lost_report;  ///< died after exit status 0: what was wrong with its report
  scenario_report report;   ///< reported: what it sent
  double seconds = 0;       ///< wall-clock time the child lived
};

/// Forks a child that runs `work` with `journal` and sends its report; watches it
/// with `limits`; returns how it ended. `journal` must be in shared memory (see
/// shared_journal) and cleared.
child_end run_in_child(const std::function<scenario_report(crash_journal*)>& work, crash_journal& journal,
                       const child_limits& limits);

/// "SIGSEGV (segmentation fault)" for a signal number.
std::string describe_signal(int signal);

}  // namespace chancheck::detail
