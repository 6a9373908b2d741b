// leak_check.hpp: the leak check for code that runs on real threads, outside the
// explorer. At the end of a test, verify_no_leaks() waits a bounded grace period
// for the tasks started with go() to end, then lists every task still alive with
// its name, its spawn site, the test it was started under and the operation it
// is blocked in (or its last operation, when it is running).
//
// Known long-lived tasks can be left out, as goleak's options do: by name, by
// spawn site, or every task alive at an earlier leak_snapshot() (IgnoreCurrent).
//
// Each process keeps its own registry, so tests run in parallel processes (ctest
// -j) check only their own tasks. GoogleTest users include
// <chancheck/gtest.hpp>, which names every task after the test that started it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/model/runtime.hpp>

namespace chancheck {

/// The tasks alive at one moment (goleak's IgnoreCurrent). Take one with
/// leak_snapshot() before the code under test and pass it as leak_check_options::ignore.
struct task_set {
  std::vector<std::uint64_t> serials{};  ///< the tasks' serial numbers, ascending
  /// True when the task with this serial number is in the set.
  bool contains(std::uint64_t serial) const noexcept;
};

/// The tasks alive now, on real threads (every scope).
[[nodiscard]] task_set leak_snapshot();

/// What verify_no_leaks checks and how long it waits.
///
///   auto before = leak_snapshot();  // long-lived tasks started earlier
///   run_the_code();
///   auto r = verify_no_leaks({.ignore = before, .ignore_names = {"metrics"}, .ignore_sites = {"pool.cpp:40"}});
struct leak_check_options {
  /// How long to wait for tasks to end before they count as leaked.
  std::chrono::milliseconds grace{2000};
  /// Only tasks started under this scope (a test's name); "" checks every live task.
  std::string scope{};
  /// Tasks that were alive when this leak_snapshot() was taken.
  task_set ignore{};
  /// Tasks with one of these names (go(name, fn)), such as a known background task.
  std::vector<std::string> ignore_names{};
  /// Tasks started at one of these go() calls: "file" (every line of it) or "file:line".
  /// A file matches its full name or any tail of it after a '/' ("pool.cpp", "src/pool.cpp").
  std::vector<std::string> ignore_sites{};
  /// True when the check ignores task `t` (by snapshot, name or spawn site).
  bool ignores(const task_snapshot& t) const;
};

/// The tasks found alive after the grace period.
struct leak_report {
  std::string scope;                  ///< the scope checked ("" = every task)
  std::chrono::milliseconds grace{};  ///< the grace period waited
  std::vector<task_snapshot> leaked;  ///< the tasks still alive, oldest first
  std::size_t ignored = 0;            ///< tasks still alive that the options ignore (not in `leaked`)
  /// True when no task leaked.
  bool ok() const noexcept { return leaked.empty(); }
  /// The report for people: one paragraph per task and what to do ("" when ok).
  std::string text() const;
};

/// Waits up to `o.grace` for the tasks of `o.scope` that it does not ignore to
/// end, then reports those still alive. Does not busy-wait: it sleeps until a task
/// ends or time is up.
[[nodiscard]] leak_report verify_no_leaks(const leak_check_options& o = {});

/// How a task's operation reads in a report: "send on chan#3", "select", ...
std::string describe_task_op(const task_snapshot& t);

/// What leak_profile() found.
struct leak_profile_report {
  bool enabled = false;               ///< leak_profile_enable() had been called
  std::vector<task_snapshot> leaked;  ///< the tasks blocked forever right now, oldest first
  /// One paragraph per task ("" when none), or what to call first when not enabled.
  std::string text() const;
};

/// Turns on what leak_profile() reads on real threads: every channel made from now
/// on is listed, and every value sent on one is read for addresses of a task's
/// memory. Call it early, before the code to watch makes its channels, from main
/// (or from each thread that is not a task and shares its variables with tasks by
/// `[&]`: their stacks are read like a task's).
void leak_profile_enable() noexcept;

/// The tasks on real threads that are blocked right now, in a send, receive or
/// select, on channels that no task that can still run can reach: leaked for good,
/// whatever the program does next (Go 1.26's goroutineleak profile, without a
/// garbage collector). The same check as the explorer's mid-run leak check
/// (docs/exploration.md): where every handle of the channels lives, the tasks'
/// closures and the variables they refer to, the addresses sent on channels. A task
/// blocked on a channel made before leak_profile_enable(), on a mutex or another
/// primitive, or while an after_func timer is armed, is never named. For a
/// long-running service: call it now and then and log what it names.
[[nodiscard]] leak_profile_report leak_profile();

}  // namespace chancheck
