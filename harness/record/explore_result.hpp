// explore_result.hpp: what an exploration did: executions, whether it was
// exhaustive, which bound stopped it, and the failing execution's record. Plain data.
#pragma once

#include <cstdint>
#include <string>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// Which bound stopped an exploration early.
enum class bound_hit : std::uint8_t { none, executions, budget };

/// What kind of coverage a search gives when it is exhaustive (explore_result::covers).
enum class coverage_kind : std::uint8_t {
  every_interleaving,  ///< dfs: every sequence of decisions
  one_per_class,       ///< dpor --no-split: one execution per class of equivalent interleavings
  per_task_group,      ///< dpor split: each independent task group's classes, the other groups fixed
  preemption_bounded,  ///< bounded: every execution up to a number of preemptions
  probabilistic,       ///< pct: a probabilistic guarantee per bug depth
  random_sample,       ///< random: uniform samples, no guarantee
  replay,              ///< replay: the one execution a token names
};

/// "every-interleaving", "one-per-class", "per-task-group", "preemption-bounded", "probabilistic",
/// "random-sample", "replay".
inline const char* to_string(coverage_kind c) noexcept {
  switch (c) {
    case coverage_kind::every_interleaving: return "every-interleaving";
    case coverage_kind::one_per_class: return "one-per-class";
    case coverage_kind::per_task_group: return "per-task-group";
    case coverage_kind::preemption_bounded: return "preemption-bounded";
    case coverage_kind::probabilistic: return "probabilistic";
    case coverage_kind::random_sample: return "random-sample";
    case coverage_kind::replay: return "replay";
  }
  return "?";
}

/// What an exploration did.
struct explore_result {
  std::uint64_t executions = 0;  ///< the search's executions (the exhaustive one's, for the portfolio)
  std::uint64_t pruned = 0;   ///< executions cut short as redundant (dpor's sleep sets; a shard's frontier probes too)
  std::uint64_t samples = 0;  ///< samples run beside the search, counted apart (the portfolio's pct executions)
  bool exhaustive = false;    ///< every execution was explored (a proof, for dfs)
  bound_hit bound = bound_hit::none;
  bool found = false;            ///< a failing execution was found (it is in `failing`)
  bool found_in_sample = false;  ///< ... by a sample (the `samples`-th), not by the search
  execution_record failing;
  std::string error;     ///< the strategy could not go on (nondeterminism, bad token)
  std::string coverage;  ///< what the strategy says it covered (pct, bounded), or ""
  coverage_kind covers = coverage_kind::every_interleaving;  ///< the kind of coverage, set by the strategy
  double seconds = 0;
  /// The strategy's estimate of the part of its search done, 0 to 1; negative when it cannot tell.
  double explored = -1;
  /// Some execution held a ticker's tick back at the tick budget: a proof holds up to it.
  bool ticks_held = false;

  /// True when the reports give `explored`: a bound stopped a search that can estimate
  /// its progress before it found anything.
  bool shows_estimate() const { return !found && !exhaustive && explored >= 0; }
};

}  // namespace chancheck::detail
