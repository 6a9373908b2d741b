// explore_options.hpp: how to explore one scenario (strategy, seeds, bounds).
// Plain data: the CLI fills it, the explorer reads it, reports print it.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include <chancheck/harness/record/execution_options.hpp>

namespace chancheck::detail {

/// The strategies the explorer offers, by the short ids the CLI and tokens use.
enum class strategy_id : std::uint8_t { dfs, random, replay, dpor, pct, bounded };

/// "dfs", "random", "replay", "dpor", "pct", "bounded".
const char* to_string(strategy_id s) noexcept;

/// How to explore.
struct explore_options {
  strategy_id strategy = strategy_id::dfs;
  std::uint64_t seed = 1;                       ///< random, pct: the seed
  std::uint32_t pct_depth = 3;                  ///< pct: the bug depth d
  std::uint32_t max_preemptions = 2;            ///< bounded: the last bound
  execution_options exec;                       ///< time mode, step bound
  std::uint64_t max_executions = 1000000;       ///< 0 = no bound
  std::chrono::milliseconds budget{0};          ///< 0 = no budget
  std::vector<std::uint32_t> replay;            ///< replay: the decisions
  bool minimize = true;                         ///< shrink a counterexample (properties/checker)
  bool dpor_split = true;                       ///< dpor: explore independent groups one by one
};

}  // namespace chancheck::detail
