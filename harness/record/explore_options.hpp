// explore_options.hpp: how to explore one scenario (strategy, seeds, bounds).
// Plain data: the CLI fills it, the explorer reads it, reports print it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <chancheck/harness/record/execution_options.hpp>
#include <chancheck/harness/record/search_checkpoint.hpp>

namespace chancheck::detail {

/// How to explore.
struct explore_options {
  /// The registered name of the strategy ("dpor", "dfs", ...; strategy_registry.hpp lists them). A name, not an
  /// enum or a registry index: this record stays plain data that does not depend on the registry, a new strategy
  /// adds nothing here, and the name is what the CLI takes and the reports print. explore() rejects an unknown
  /// name with an error that lists the registered ones.
  std::string strategy = "dfs";
  std::uint64_t seed = 1;                  ///< random, pct: the seed
  std::uint32_t pct_depth = 3;             ///< pct: the bug depth d
  std::uint32_t max_preemptions = 2;       ///< bounded: the last bound
  execution_options exec;                  ///< time mode, step bound
  std::uint64_t max_executions = 1000000;  ///< 0 = no bound
  std::chrono::milliseconds budget{0};     ///< 0 = no budget
  std::vector<std::uint32_t> replay;       ///< replay: the decisions
  bool minimize = true;                    ///< shrink a counterexample (properties/checker)
  bool dpor_split = true;                  ///< dpor: explore independent groups one by one
  /// The part of the search this exploration runs (`--shard I/N`): shard_index of
  /// shard_count, 0 of 0 when not sharded. Any shard_count >= 1 (1 included) asks
  /// dpor for the shard frontier (docs/exploration.md), so `--shard 0/1` is the run
  /// the N shards add up to; max_executions stays the whole search's bound.
  std::uint32_t shard_index = 0;
  std::uint32_t shard_count = 0;  ///< 0: not sharded

  /// Checkpoints (resumable strategies only: portfolio, dpor, dfs, bounded, random, pct): how
  /// often on_checkpoint is called between executions; 0 = never (but once when a
  /// bound stops the search, if on_checkpoint is set).
  std::chrono::milliseconds checkpoint_every{0};
  /// Receives the search's state between executions, and once when an execution
  /// bound or the budget stops it (a run with larger bounds can go on from there).
  std::function<void(const search_checkpoint&)> on_checkpoint;
  /// Asked between executions, with on_checkpoint set: true saves a checkpoint at
  /// once, whenever the last one was (a run that is being stopped asks for one).
  std::function<bool()> checkpoint_asked;
  /// Goes on from this state instead of starting afresh: the executions, pruned
  /// executions and time before it count towards max_executions, the budget and the
  /// result. The explorer refuses a state the strategy cannot take.
  std::shared_ptr<const search_checkpoint> resume;

  /// True when a shard was asked for (`--shard I/N`, N >= 1).
  bool sharded() const { return shard_count > 0; }
};

}  // namespace chancheck::detail
