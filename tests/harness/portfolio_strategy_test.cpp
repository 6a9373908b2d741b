// portfolio_strategy_test.cpp: `--strategy portfolio` (harness/strategies/
// portfolio_strategy.cpp), the default: dpor's executions alternate with pct
// samples. It proves what dpor proves, with dpor's own executions unchanged in
// number and its samples counted apart, and it finds a bug that dpor's order
// reaches late within a few samples; shards add up to one search, a checkpoint
// resumes it, and the same seed gives the same search.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include <chancheck/chancheck.hpp>
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

constexpr int senders = 5;

// Each sender puts its id in one buffered channel; main fails when the last
// sender's id comes first. dpor reaches that order only after every order of the
// others has been tried first (the branch for the first send is the shallowest).
void last_sender_first() {
  auto c = make_chan<int>(senders);
  for (int id = 1; id <= senders; ++id) go("sender", [c, id] { c.send(id); });
  expect(c.recv().value != senders, "the last sender's value came first");
  for (int i = 1; i < senders; ++i) c.recv();
}

explore_result first_violation(const std::string& strategy, std::uint64_t seed = 1) {
  explore_options o;
  o.strategy = strategy;
  o.seed = seed;
  o.max_executions = 100000;
  return explore(last_sender_first, o, [](const execution_record& r) { return violates(r); });
}

TEST(PortfolioStrategy, FindsTheBugDporsOrderReachesLate) {
  const explore_result dpor = first_violation("dpor");
  const explore_result portfolio = first_violation("portfolio");
  ASSERT_TRUE(dpor.found) << dpor.coverage;
  ASSERT_TRUE(portfolio.found) << portfolio.coverage;
  std::printf("executions to the violation: dpor %llu, portfolio %llu\n",
              static_cast<unsigned long long>(dpor.executions), static_cast<unsigned long long>(portfolio.executions));
  EXPECT_GT(dpor.executions, 500u);
  // A pct sample finds it; the search's own count stays dpor's.
  EXPECT_TRUE(portfolio.found_in_sample);
  EXPECT_LT(portfolio.samples, 50u);
  EXPECT_LE(portfolio.executions, portfolio.samples);
  EXPECT_FALSE(dpor.found_in_sample);
  EXPECT_EQ(dpor.samples, 0u);
}

TEST(PortfolioStrategy, ProvesAsDporDoesWithTheSameDporExecutions) {
  auto fixed = [] {
    auto c = make_chan<int>(3);
    for (int id = 1; id <= 3; ++id) go("sender", [c, id] { c.send(id); });
    for (int i = 0; i < 3; ++i) c.recv();
  };
  explore_options o;
  o.strategy = "dpor";
  const explore_result dpor = explore(fixed, o, [](const execution_record& r) { return violates(r); });
  o.strategy = "portfolio";
  const explore_result portfolio = explore(fixed, o, [](const execution_record& r) { return violates(r); });
  ASSERT_TRUE(dpor.exhaustive);
  ASSERT_TRUE(portfolio.exhaustive);
  EXPECT_FALSE(portfolio.found);
  EXPECT_EQ(portfolio.covers, dpor.covers);
  // The search's executions are dpor's, and its summary; one pct sample ran after
  // each of them (the search learns dpor is done only after the last one).
  EXPECT_EQ(portfolio.executions, dpor.executions);
  EXPECT_EQ(portfolio.samples, dpor.executions);
  EXPECT_EQ(portfolio.coverage, dpor.coverage);
}

// The fixed twin: every order of the senders is fine.
void any_sender_first() {
  auto c = make_chan<int>(senders);
  for (int id = 1; id <= senders; ++id) go("sender", [c, id] { c.send(id); });
  for (int i = 0; i < senders; ++i) c.recv();
}

explore_result prove(explore_options o) {
  o.strategy = "portfolio";
  o.max_executions = 0;
  return explore(any_sender_first, o, [](const execution_record& r) { return violates(r); });
}

TEST(PortfolioStrategy, ShardsAddUpToTheSearchOfOneRunAndEachSamples) {
  explore_options o;
  o.shard_count = 1;
  const explore_result whole = prove(o);
  ASSERT_TRUE(whole.exhaustive);
  std::uint64_t executions = 0;
  o.shard_count = 3;
  for (std::uint32_t i = 0; i < 3; ++i) {
    o.shard_index = i;
    const explore_result part = prove(o);
    EXPECT_TRUE(part.exhaustive) << "shard " << i;
    EXPECT_GT(part.samples, 0u) << "shard " << i;
    executions += part.executions;
  }
  EXPECT_EQ(executions, whole.executions);
}

TEST(PortfolioStrategy, AResumedSearchGoesOnAsTheUninterruptedOne) {
  const explore_result whole = prove({});
  ASSERT_TRUE(whole.exhaustive);
  ASSERT_GT(whole.executions, 100u);
  // Stop after 100 executions of the search, keep the checkpoint the bound saves, and go on from it.
  explore_options o;
  o.max_executions = 100;
  auto saved = std::make_shared<search_checkpoint>();
  o.on_checkpoint = [saved](const search_checkpoint& c) { *saved = c; };
  o.strategy = "portfolio";
  const explore_result first = explore(any_sender_first, o, [](const execution_record& r) { return violates(r); });
  ASSERT_EQ(first.executions, 100u);
  ASSERT_EQ(saved->strategy, "portfolio");
  EXPECT_EQ(saved->samples, first.samples);
  explore_options rest;
  rest.resume = saved;
  const explore_result resumed = prove(rest);
  EXPECT_TRUE(resumed.exhaustive);
  EXPECT_EQ(resumed.executions, whole.executions);
  EXPECT_EQ(resumed.samples, whole.samples);
  // A state cut short is refused, not misread.
  auto cut = std::make_shared<search_checkpoint>(*saved);
  cut->state.resize(cut->state.size() / 2);
  rest.resume = cut;
  const explore_result refused = prove(rest);
  EXPECT_FALSE(refused.error.empty());
  EXPECT_EQ(refused.executions, 0u);
}

TEST(PortfolioStrategy, TheSameSeedGivesTheSameSearch) {
  EXPECT_EQ(first_violation("portfolio", 7).executions, first_violation("portfolio", 7).executions);
  EXPECT_EQ(first_violation("portfolio", 7).samples, first_violation("portfolio", 7).samples);
  scenario_info s;
  s.name = "test/last_sender_first";
  s.body = last_sender_first;
  explore_options p;
  p.strategy = "portfolio";
  auto o = check_scenario(s, p);
  ASSERT_EQ(verdict_of(o), "assertion");
  std::string error;
  auto r = replay_scenario(s, o.token, error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_EQ(verdict_of(r), "assertion");
}

}  // namespace
}  // namespace chancheck::testing
