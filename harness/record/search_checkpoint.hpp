// search_checkpoint.hpp: where one exploration stood between two executions, so that a
// new process can go on from there (explore_options::resume). Plain data: the
// explorer makes it from the strategy's saved state (harness/strategies/search_state.hpp),
// the CLI writes it into a checkpoint file and reads it back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chancheck::detail {

/// A search's state between two executions.
struct search_checkpoint {
  std::string strategy;              ///< the registered name of the strategy that saved it
  std::uint64_t executions = 0;      ///< executions counted so far
  std::uint64_t pruned = 0;          ///< executions pruned so far
  std::uint64_t samples = 0;         ///< samples run beside the search so far (the portfolio's pct executions)
  double seconds = 0;                ///< the search's time so far, across resumes
  std::vector<std::uint64_t> state;  ///< the strategy's search state (search_state_writer's words)
  bool ticks_held = false;           ///< an execution so far held a tick back at the tick budget
};

}  // namespace chancheck::detail
