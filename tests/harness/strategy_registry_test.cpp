// strategy_registry_test.cpp: the registry of strategies
// (harness/strategies/strategy_registry.hpp): every registered name builds its
// strategy and explores, an unknown name is an error that lists the names, and
// each strategy says what kind of coverage its search had.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <chancheck/chancheck.hpp>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/harness/strategies/strategy_registry.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

using namespace std::chrono_literals;

// Two tasks race on one buffered channel: a handful of interleavings.
void two_senders() {
  auto c = make_chan<int>(2);
  go("a", [c] { c.send(1); });
  go("b", [c] { c.send(2); });
  c.recv();
  c.recv();
}

// Each task races its own timer against its own sender: independent groups.
void racing_pair() {
  auto c = make_chan<int>(1);
  go("sender", [c] { c.send(1); });
  select(recv(c), recv(after(10ms)));
}

explore_result run(const std::function<void()>& body, const std::string& strategy, bool split = true) {
  explore_options o;
  o.strategy = strategy;
  o.max_executions = 200;
  o.dpor_split = split;
  return explore(body, o, [](const execution_record&) { return false; });
}

}  // namespace

TEST(StrategyRegistry, NamesAreUniqueAndDescribed) {
  std::set<std::string_view> names;
  for (const strategy_entry& e : strategy_entries()) {
    EXPECT_TRUE(names.insert(e.name).second) << e.name << " is registered twice";
    EXPECT_FALSE(e.description.empty()) << e.name;
    EXPECT_NE(e.make, nullptr) << e.name;
    EXPECT_EQ(find_strategy(e.name), &e);
  }
  for (const char* name : {"dpor", "dfs", "random", "pct", "bounded", "replay"})
    EXPECT_NE(find_strategy(name), nullptr) << name;
  EXPECT_EQ(find_strategy("telepathy"), nullptr);
  EXPECT_FALSE(find_strategy("replay")->offered);
  EXPECT_EQ(offered_strategy_names(), "dpor, dfs, random, pct, portfolio, bounded");
}

TEST(StrategyRegistry, EveryRegisteredStrategyExplores) {
  for (const strategy_entry& e : strategy_entries()) {
    if (!e.offered) continue;
    auto r = run(two_senders, std::string(e.name));
    EXPECT_TRUE(r.error.empty()) << e.name << ": " << r.error;
    EXPECT_GE(r.executions, 1u) << e.name;
  }
}

TEST(StrategyRegistry, AnUnknownNameIsAnErrorListingTheNames) {
  auto r = run(two_senders, "telepathy");
  EXPECT_EQ(r.executions, 0u);
  EXPECT_NE(r.error.find("no strategy is named \"telepathy\""), std::string::npos) << r.error;
  EXPECT_NE(r.error.find(offered_strategy_names()), std::string::npos) << r.error;
}

TEST(StrategyRegistry, EachStrategySaysWhatItCovered) {
  EXPECT_EQ(run(two_senders, "dfs").covers, coverage_kind::every_interleaving);
  EXPECT_EQ(run(two_senders, "dpor", false).covers, coverage_kind::one_per_class);
  EXPECT_EQ(run(two_senders, "random").covers, coverage_kind::random_sample);
  EXPECT_EQ(run(two_senders, "pct").covers, coverage_kind::probabilistic);
  EXPECT_EQ(run(two_senders, "bounded").covers, coverage_kind::preemption_bounded);
  auto groups = [] {
    for (int i = 0; i < 3; ++i) go("pair", racing_pair);
  };
  auto split = run(groups, "dpor");
  EXPECT_TRUE(split.exhaustive);
  EXPECT_EQ(split.covers, coverage_kind::per_task_group);
  EXPECT_EQ(run(groups, "dpor", false).covers, coverage_kind::one_per_class);
}

TEST(StrategyRegistry, SamplingStrategiesAreNeverExhaustive) {
  for (const char* name : {"random", "pct"}) {
    auto r = run(two_senders, name);
    EXPECT_FALSE(r.exhaustive) << name;
    EXPECT_EQ(r.executions, 200u) << name;
  }
  EXPECT_TRUE(run(two_senders, "dfs").exhaustive);
}

}  // namespace chancheck::testing
