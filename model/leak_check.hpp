// leak_check.hpp: the leak check for code that runs on real threads, outside the
// explorer. At the end of a test, verify_no_leaks() waits a bounded grace period
// for the tasks started with go() to end, then lists every task still alive with
// its name, its spawn site, the test it was started under and the operation it
// is blocked in (or its last operation, when it is running).
//
// Each process keeps its own registry, so tests run in parallel processes (ctest
// -j) check only their own tasks. GoogleTest users include
// <chancheck/gtest.hpp>, which names every task after the test that started it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <chancheck/model/runtime.hpp>

namespace chancheck {

/// What verify_no_leaks checks and how long it waits.
struct leak_check_options {
  /// How long to wait for tasks to end before they count as leaked.
  std::chrono::milliseconds grace{2000};
  /// Only tasks started under this scope (a test's name); "" checks every live task.
  std::string scope;
};

/// The tasks found alive after the grace period.
struct leak_report {
  std::string scope;                  ///< the scope checked ("" = every task)
  std::chrono::milliseconds grace{};  ///< the grace period waited
  std::vector<task_snapshot> leaked;  ///< the tasks still alive, oldest first
  /// True when no task leaked.
  bool ok() const noexcept { return leaked.empty(); }
  /// The report for people: one paragraph per task and what to do ("" when ok).
  std::string text() const;
};

/// Waits up to `o.grace` for the tasks of `o.scope` to end, then reports those
/// still alive. Does not busy-wait: it sleeps until a task ends or time is up.
[[nodiscard]] leak_report verify_no_leaks(const leak_check_options& o = {});

/// How a task's operation reads in a report: "send on chan#3", "select", ...
std::string describe_task_op(const task_snapshot& t);

}  // namespace chancheck
