// strategy_registry.cpp: the table of strategies (see strategy_registry.hpp). An
// explicit table, not self-registering statics: a static library drops objects
// nothing refers to, and with them their registrations.
#include <chancheck/harness/strategies/strategy_registry.hpp>

namespace chancheck::detail {

// The factories, each defined in its strategy's file.
std::unique_ptr<strategy> make_dpor_strategy(const explore_options& options);
std::unique_ptr<strategy> make_dfs_strategy(const explore_options& options);
std::unique_ptr<strategy> make_random_strategy(const explore_options& options);
std::unique_ptr<strategy> make_pct_strategy(const explore_options& options);
std::unique_ptr<strategy> make_bounded_strategy(const explore_options& options);
std::unique_ptr<strategy> make_replay_strategy(const explore_options& options);
std::unique_ptr<strategy> make_portfolio_strategy(const explore_options& options);

namespace {

constexpr strategy_entry registry[] = {
    {"dpor", "exhaustive, one execution per class of equivalent interleavings", make_dpor_strategy},
    {"dfs", "exhaustive, every interleaving", make_dfs_strategy},
    {"random", "uniformly random decisions from --seed", make_random_strategy, true, 10000, shard_split::executions},
    {"pct", "probabilistic concurrency testing aiming at bugs of --depth", make_pct_strategy, true, 10000,
     shard_split::none},
    {"portfolio",
     "dpor with pct samples (from --seed) in between: finds shallow bugs early, proves as dpor (the default)",
     make_portfolio_strategy},
    {"bounded", "exhaustive up to --preemptions preemptions", make_bounded_strategy, true, 1000000, shard_split::none},
    {"replay", "follows the decisions of a replay token once", make_replay_strategy, false, 1000000, shard_split::none},
};

}  // namespace

std::span<const strategy_entry> strategy_entries() noexcept { return registry; }

const strategy_entry* find_strategy(std::string_view name) noexcept {
  for (const strategy_entry& e : registry)
    if (e.name == name) return &e;
  return nullptr;
}

std::string offered_strategy_names() {
  std::string names;
  for (const strategy_entry& e : registry)
    if (e.offered) names += (names.empty() ? "" : ", ") + std::string(e.name);
  return names;
}

std::string unknown_strategy(std::string_view name) {
  const std::string choose = "; choose one of " + offered_strategy_names();
  if (find_strategy(name)) return "strategy \"" + std::string(name) + "\" is internal, not a choice" + choose;
  return "no strategy is named \"" + std::string(name) + "\"" + choose;
}

std::unique_ptr<strategy> make_strategy(const explore_options& options, std::string& error) {
  const strategy_entry* e = find_strategy(options.strategy);
  if (!e) {
    error = unknown_strategy(options.strategy);
    return nullptr;
  }
  return e->make(options);
}

}  // namespace chancheck::detail
