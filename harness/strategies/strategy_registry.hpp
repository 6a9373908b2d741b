// strategy_registry.hpp: the strategies chancheck offers, by name. The table in
// strategy_registry.cpp is the one list: the explorer builds strategies from it,
// the CLI takes its `--strategy` choices and help text from it. Adding a strategy
// is a new file that defines its factory plus one row there.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

/// How a strategy's search splits into shards (`--shard I/N`, shard_slice.hpp).
enum class shard_split : std::uint8_t {
  subtrees,    ///< by the options of the first decision: exact
  executions,  ///< by execution number: exact
  none,        ///< it cannot be split exactly (each execution depends on the ones before)
};

/// A registered strategy.
struct strategy_entry {
  std::string_view name;         ///< what explore_options::strategy and `--strategy` say
  std::string_view description;  ///< one line, for the CLI's help
  /// Builds the strategy for one exploration; it reads its own options (seed, depth, ...).
  std::unique_ptr<strategy> (*make)(const explore_options&);
  bool offered = true;                             ///< false: internal (replay), not a `--strategy` choice
  std::uint64_t default_max_executions = 1000000;  ///< the CLI's bound when --max-executions is not given
  shard_split shards = shard_split::subtrees;      ///< how `--shard` splits its search
};

/// Every registered strategy, in the order the CLI lists them.
std::span<const strategy_entry> strategy_entries() noexcept;

/// The strategy named `name`, or nullptr.
const strategy_entry* find_strategy(std::string_view name) noexcept;

/// The names of the strategies offered on the command line, joined by ", ".
std::string offered_strategy_names();

/// What to say of a name no offered strategy has (unknown, or internal): the names to choose from.
std::string unknown_strategy(std::string_view name);

/// Builds the strategy `options.strategy` names; nullptr, with `error` saying
/// which names exist, when none is registered by that name.
std::unique_ptr<strategy> make_strategy(const explore_options& options, std::string& error);

}  // namespace chancheck::detail
