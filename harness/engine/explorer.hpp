// explorer.hpp: runs executions of one scenario under a strategy until the
// strategy is exhausted, a failing execution is found, or a bound is reached
// (executions, wall-clock budget). It knows nothing of properties: the caller
// says which executions fail.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <chancheck/harness/engine/execution.hpp>
#include <chancheck/harness/record/trace.hpp>

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

/// Which bound stopped an exploration early.
enum class bound_hit : std::uint8_t { none, executions, budget };

/// What an exploration did.
struct explore_result {
  std::uint64_t executions = 0;
  std::uint64_t pruned = 0;      ///< executions cut short as redundant (dpor)
  bool exhaustive = false;       ///< every execution was explored (a proof, for dfs)
  bound_hit bound = bound_hit::none;
  bool found = false;            ///< a failing execution was found (it is in `failing`)
  execution_record failing;
  std::string error;             ///< the strategy could not go on (nondeterminism, bad token)
  std::string coverage;          ///< what the strategy says it covered (pct, bounded), or ""
  double seconds = 0;
};

/// Explores `body`; stops at the first execution for which `fails` returns true.
explore_result explore(const std::function<void()>& body, const explore_options& options,
                       const std::function<bool(const execution_record&)>& fails);

}  // namespace chancheck::detail
