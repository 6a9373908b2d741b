// portfolio_strategy_test.cpp: `--strategy portfolio` (harness/strategies/
// portfolio_strategy.cpp): dpor's executions alternate with pct's. It proves what
// dpor proves, with dpor's own executions unchanged in number, and it finds a bug
// that dpor's order reaches late within a few executions; the same seed gives the
// same search.
#include <gtest/gtest.h>

#include <cstdio>
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
  EXPECT_LT(portfolio.executions, 100u);
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
  // One pct execution after each of dpor's (the search learns dpor is done only after the last one).
  EXPECT_EQ(portfolio.executions, 2 * dpor.executions);
  EXPECT_NE(portfolio.coverage.find("portfolio: " + std::to_string(dpor.executions) + " dpor and " +
                                    std::to_string(dpor.executions) + " pct executions"),
            std::string::npos)
      << portfolio.coverage;
}

TEST(PortfolioStrategy, TheSameSeedGivesTheSameSearch) {
  EXPECT_EQ(first_violation("portfolio", 7).executions, first_violation("portfolio", 7).executions);
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
