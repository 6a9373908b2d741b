// strategy.hpp: how the explorer asks what to do next. A strategy lives across
// the executions of one exploration, so it can keep search state.
//
// Protocol: for each execution, begin_execution() (false = stop exploring), then
// pick() at every decision with n >= 2 options (which task runs next, whether a
// timer fires now, which ready select case wins), then end_execution().
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace chancheck::detail {

struct execution_record;

/// What a decision is about.
enum class decision_kind : std::uint8_t { task, select };

/// The search strategy interface.
class strategy {
 public:
  virtual ~strategy() = default;
  /// Starts an execution; false when the strategy has nothing left to explore.
  virtual bool begin_execution() = 0;
  /// Picks one of n >= 2 options (index 0 continues the running task when it can).
  /// Returning n or more aborts the execution (see error()).
  virtual std::uint32_t pick(decision_kind kind, std::uint32_t n) = 0;
  /// Picks which task runs next (or -1: the next timer fires) among `options`.
  /// `running` is the task that reached the scheduling point; when it can go on
  /// it is options[0], and picking another task preempts it. Returns an index
  /// into options; n or more aborts (see error()), or prunes the execution as
  /// redundant when error() is empty.
  virtual std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) {
    (void)running;
    return pick(decision_kind::task, static_cast<std::uint32_t>(options.size()));
  }
  /// True when the strategy reads the step log (the engine records it only then).
  virtual bool wants_steps() const { return false; }
  /// The record of the execution under way, readable during pick calls.
  virtual void attach(const execution_record* live) { (void)live; }
  /// Ends an execution.
  virtual void end_execution() {}
  /// True once every execution has been explored (exhaustive strategies only).
  virtual bool exhausted() const { return false; }
  /// Why the last execution was aborted, or "".
  virtual std::string error() const { return {}; }
  /// A line about what the search covered (pct's probabilistic guarantee), or "".
  virtual std::string summary() const { return {}; }
};

/// Exhaustive depth-first search over every decision (stateless re-execution).
std::unique_ptr<strategy> make_dfs_strategy();
/// Uniformly random decisions; execution i uses a seed derived from (seed, i).
std::unique_ptr<strategy> make_random_strategy(std::uint64_t seed);
/// Exhaustive exploration of one execution per class of equivalent interleavings:
/// dynamic partial-order reduction with sleep sets (Flanagan & Godefroid 2005).
/// With `split`, groups of tasks that touch no common object are explored one
/// after another instead of in every combination (harness/task_groups.hpp).
std::unique_ptr<strategy> make_dpor_strategy(bool split = true);
/// Probabilistic concurrency testing with bug depth `depth` (Burckhardt et al. 2010).
std::unique_ptr<strategy> make_pct_strategy(std::uint64_t seed, std::uint32_t depth);
/// Preemption-bounded exhaustive search, the bound going from 0 up to `max_preemptions`
/// (Musuvathi & Qadeer 2007, CHESS).
std::unique_ptr<strategy> make_bounded_strategy(std::uint32_t max_preemptions);
/// Follows the given decisions once.
std::unique_ptr<strategy> make_replay_strategy(std::vector<std::uint32_t> decisions);

}  // namespace chancheck::detail
