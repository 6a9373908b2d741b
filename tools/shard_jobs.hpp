// shard_jobs.hpp: `run -j N` on one machine. Each of N child processes runs shard
// I of N of every chosen scenario's search (each scenario still in a child of its
// own) and writes its JSON result to a temporary folder; the parent waits for them,
// merges the results (tools/shard_merge) and prints one report.
#pragma once

#include <cstdint>
#include <vector>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/properties/scenario.hpp>

#include "tools/isolation/scenario_runner.hpp"
#include "tools/merge_command.hpp"

namespace chancheck::detail {

/// Runs `jobs` shards of each scenario of `chosen` in local processes and shows the merged result; the exit code.
int run_shard_jobs(const std::vector<const scenario_info*>& chosen, const explore_options& options,
                   const isolation_settings& settings, std::uint32_t jobs, const merged_output& out);

}  // namespace chancheck::detail
