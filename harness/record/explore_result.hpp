// explore_result.hpp: what an exploration did: executions, whether it was
// exhaustive, which bound stopped it, and the failing execution's record. Plain data.
#pragma once

#include <cstdint>
#include <string>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

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

}  // namespace chancheck::detail
