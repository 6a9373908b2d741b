// crash_report.hpp: the report of a child that did not send its own: it crashed
// (a signal, an exit, std::terminate, a stack overflow), the watchdog ended it
// (a task out of the kit's control), it outlived its budget, or the run was stopped. Built from how the
// child ended and what its engine left in the crash journal, with a replay token of
// the decisions the running execution had made.
#pragma once

#include <string>

#include <chancheck/harness/record/crash_journal.hpp>
#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/properties/scenario.hpp>

#include "tools/isolation/child_run.hpp"
#include "tools/isolation/scenario_report.hpp"

namespace chancheck::detail {

/// What the parent knows of the scenario a child was checking.
struct crash_context {
  std::string scenario;
  explore_options options;  ///< as the child got them (strategy, time mode, step bound)
  expected declared = expected::pass;
  bool replay = false;  ///< `replay` prints a header line, `run` a summary line
  bool show_time = true;
  std::chrono::milliseconds watchdog{0};  ///< for the message of a hang
};

/// The report of a child that died or hung (`end.how` is died or hung): verdict
/// "crash" or "uncontrolled".
scenario_report crash_report(const child_end& end, const crash_journal& journal, const crash_context& c);

/// The report of a search the parent ended past its budget: not exhaustive, stopped
/// by the budget, with the executions the journal counted before the last one.
scenario_report over_budget_report(const child_end& end, const crash_journal& journal, const crash_context& c);

/// The report of a search SIGINT or SIGTERM (`signal`) stopped: verdict "interrupted",
/// not exhaustive, with the executions the journal counted before the one that was ended.
scenario_report interrupted_report(const child_end& end, const crash_journal& journal, const crash_context& c,
                                   int signal);

}  // namespace chancheck::detail
