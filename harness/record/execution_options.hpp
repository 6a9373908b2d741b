// execution_options.hpp: the bounds and time mode of one execution. Plain data:
// the engine reads it, tokens carry part of it, reports print it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace chancheck::detail {

struct crash_journal;

/// How timers fire under the virtual clock.
enum class time_mode : std::uint8_t {
  any,    ///< a pending timer may fire at any scheduling point (deadline order kept)
  exact,  ///< timers fire in deadline order once every task is blocked
};

/// "any" or "exact", as the CLI takes it and reports print it.
inline const char* to_string(time_mode m) noexcept { return m == time_mode::any ? "any" : "exact"; }

/// What the mid-run leak check (model/leak_fixpoint.hpp) does.
enum class midrun_check : std::uint8_t {
  on,   ///< it records what it finds (execution_record::leaks_found); the execution runs on
  off,  ///< it does not run: leaks are found at quiescence only
};

/// Bounds of one execution.
struct execution_options {
  time_mode time = time_mode::any;
  std::uint32_t max_steps = 20000;  ///< scheduling steps before a step-limit stop
  /// Tasks one execution may start, main included; the go() past it ends the
  /// execution with a task-limit violation (each task holds a fiber stack).
  std::uint32_t max_tasks = 10000;
  /// Time mode `any`: how many ticks of each ticker may fire early, while some
  /// task is ready; its later ticks fire only when every task waits. Without a
  /// bound a ticker could tick forever while a ready task never runs, a schedule no
  /// real runtime makes; a per-ticker bound, not one per waiting task, keeps a
  /// tick independent of the steps of tasks that share nothing with its ticker.
  /// Its first tick, as every one-shot timer, may always fire.
  std::uint32_t tick_budget = 3;
  /// Let the other tasks run on after a panic or failed expectation (Go would
  /// stop), recording every failure; for tests that compare whole outcomes.
  bool continue_after_failure = false;
  /// The mid-run leak check: on by default.
  midrun_check midrun = midrun_check::on;
  /// Record the trace (events, objects, select cases). The explorer searches
  /// without it and replays a failing execution with it.
  bool trace = true;
  /// Bytes of each task's fiber stack (rounded up to whole pages), above a guard
  /// page: a task that needs more overflows into the guard page and faults.
  std::size_t stack_size = 256 * 1024;
  /// When set, the engine writes where it is (execution, task, last scheduling
  /// point, decisions) into this journal, which a parent process reads if this one
  /// dies or hangs. Not owned.
  crash_journal* journal = nullptr;
};

}  // namespace chancheck::detail
