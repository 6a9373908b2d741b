// crash_journal.hpp: what the engine leaves behind for a parent process when the
// process it runs in dies. The parent maps one journal (MAP_SHARED) before it forks
// the child that explores a scenario; the engine writes it with plain stores at every
// scheduling point (no system call), and the parent reads it to tell where a crash or a
// hang happened and to rebuild the decisions of the execution that was running.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

/// The shared record of a running exploration. Written by one process (the child),
/// read by another (its parent); the counters the parent polls are atomics.
struct crash_journal {
  /// Decisions kept per execution. An execution that makes more keeps counting them
  /// (`decision_count`) but stores no more: its crash gets no replay token.
  static constexpr std::uint32_t max_decisions = 1u << 16;
  static constexpr std::uint32_t max_named_tasks = 64;  ///< tasks whose names are kept
  static constexpr std::size_t name_size = 48;
  static constexpr std::size_t text_size = 192;
  static constexpr std::int32_t host = -1;  ///< `task` when no task runs

  std::atomic<std::uint64_t> heartbeat{0};    ///< moves at every scheduling point and switch
  std::atomic<std::uint32_t> traced_runs{0};  ///< executions run with the trace on
  /// The search's counts before the execution now running, as its report gives them
  /// (pruned runs and traced replays left out, a resumed search's earlier ones in).
  std::atomic<std::uint64_t> searched{0};
  std::atomic<std::uint64_t> sampled{0};    ///< the portfolio's samples before it
  std::atomic<bool> in_sample{false};       ///< the execution now running is a sample
  std::atomic<bool> stack_overflow{false};  ///< set by the child's fault handler
  /// Set by the parent when a stop asks for a last checkpoint; the child's explorer
  /// takes it between executions, saves one, and sets checkpoint_written.
  std::atomic<std::uint32_t> checkpoint_asked{0};
  std::atomic<std::uint32_t> checkpoint_written{0};  ///< a checkpoint was written since the last ask
  std::int32_t task = host;                          ///< the running task
  op_kind op = op_kind::yield;                       ///< its last scheduling point
  std::uint32_t line = 0;                            ///< and that point's line (0: none yet)
  bool tearing_down = false;                         ///< the execution ended; leaked tasks unwind
  std::uint32_t decision_count = 0;                  ///< decisions of the current execution
  const char* file_key = nullptr;                    ///< the source-location string `file` copies
  char file[text_size] = {};                         ///< the file of that point
  char cause[text_size] = {};                        ///< what the child said before it died, or ""
  char names[max_named_tasks][name_size] = {};
  std::uint32_t decisions[max_decisions] = {};

  /// The search's counts so far; `sample`: the execution about to start is a sample.
  void counts(std::uint64_t executions, std::uint64_t samples, bool sample) noexcept {
    searched.store(executions, std::memory_order_relaxed);
    sampled.store(samples, std::memory_order_relaxed);
    in_sample.store(sample, std::memory_order_relaxed);
  }
  /// An execution starts (main is task 0).
  void begin_execution(bool traced) noexcept {
    if (traced) traced_runs.store(traced_runs.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    decision_count = 0;
    tearing_down = false;
    name(0, "main");
    at(0, op_kind::yield, {});
  }
  /// Task `t` reached a scheduling point, or runs on from the point it waits at.
  void at(std::int32_t t, op_kind k, const trace_loc& where) noexcept {
    task = t;
    op = k;
    line = where.line;
    if (where.file != file_key) {  // copied only when it changes
      file_key = where.file;
      std::strncpy(file, where.file ? where.file : "", text_size - 1);
    }
    beat();
  }
  /// Task `t` (or the host, when `t` < 0) resumes where it waits; a task that has not
  /// reached its first scheduling point is placed at the go() that started it.
  void switch_to(std::int32_t t, const std::vector<trace_task>& tasks) noexcept {
    if (t < 0) {
      task = host;
      beat();
      return;
    }
    const trace_task& tt = tasks[static_cast<std::size_t>(t)];
    if (tt.op_loc.line)
      at(t, tt.op, tt.op_loc);
    else
      at(t, op_kind::go, tt.spawned_at);
  }
  /// One decision of the current execution.
  void decide(std::uint32_t k) noexcept {
    if (decision_count < max_decisions) decisions[decision_count] = k;
    ++decision_count;
  }
  /// Keeps task `t`'s name (the first max_named_tasks tasks).
  void name(std::int32_t t, const char* n) noexcept {
    if (t < 0 || t >= static_cast<std::int32_t>(max_named_tasks)) return;
    std::strncpy(names[t], n ? n : "", name_size - 1);
  }
  /// The step counter moves.
  void beat() noexcept { heartbeat.store(heartbeat.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
};

}  // namespace chancheck::detail
