// choose_test.cpp: choose(n) and choose_bool(), the explored choice of a value
// (Go code's rand.Intn): every value is explored by dfs and dpor in both time
// modes, a random search picks by its seed, the value is traced at its line and
// carried by the replay token, and on real threads it is a pseudo-random number.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"
#include "sync/each_search.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// The values a body saw over the executions of one search.
using seen_set = std::set<std::vector<int>>;

/// Explores `body` with `o` and returns what it recorded in `seen` each execution.
seen_set values_seen(const std::function<void(std::vector<int>&)>& body, const explore_options& o,
                     scenario_outcome* out = nullptr) {
  auto seen = std::make_shared<seen_set>();
  auto outcome = explore_body(
      [body, seen] {
        std::vector<int> v;
        body(v);
        seen->insert(v);
      },
      o);
  EXPECT_TRUE(passes_exhaustively(outcome));
  if (out) *out = std::move(outcome);
  return *seen;
}

TEST(ChooseRules, EveryValueIsExploredInEachSearch) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    scenario_outcome o;
    auto seen = values_seen([](std::vector<int>& v) { v.push_back(choose(3)); }, s.options, &o);
    EXPECT_EQ(seen, (seen_set{{0}, {1}, {2}}));
    EXPECT_EQ(o.result.executions, 3u);  // the only decision is the value
  }
}

TEST(ChooseRules, ChooseBoolExploresBothAndNestedChoicesMultiply) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto seen = values_seen(
        [](std::vector<int>& v) {
          v.push_back(choose_bool() ? 1 : 0);
          v.push_back(choose(2 + v[0]));  // the second choice depends on the first
        },
        s.options);
    EXPECT_EQ(seen, (seen_set{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}}));
  }
}

TEST(ChooseRules, ChoiceOfOneIsNoDecisionAndBelowOnePanics) {
  auto o = explore_body([] { expect(choose(1) == 0, "choose(1) is 0"); });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_EQ(o.result.executions, 1u);
  static unsigned line = 0;
  auto bad = explore_body([] {
    line = __LINE__ + 1;
    choose(0);
  });
  EXPECT_TRUE(fails_with(bad, "panic", __FILE__, line));
  EXPECT_NE(bad.violations.front().message.find("choose(0): n must be at least 1"), std::string::npos);
}

TEST(ChooseRules, ChoicesInTasksAreExploredWithTheirInterleavings) {
  // Two tasks each choose 0 or 1 and send it; main sums. dpor and dfs must agree
  // on what main can see (every sum, and every order of arrival).
  auto body = [](std::vector<int>& v) {
    auto ch = make_chan<int>();
    go("a", [ch] { ch.send(choose(2)); });
    go("b", [ch] { ch.send(10 + choose(2)); });
    v.push_back(ch.recv().value);
    v.push_back(ch.recv().value);
  };
  seen_set expected;
  for (int a = 0; a < 2; ++a)
    for (int b = 10; b < 12; ++b) {
      expected.insert({a, b});
      expected.insert({b, a});
    }
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(values_seen(body, s.options), expected);
  }
}

/// Fails when the chosen value is 2 of 3: only a search that explores the value finds it.
void fails_on_two() {
  auto ch = make_chan<int>(1);
  go("chooser", [ch] { ch.send(choose(3)); });
  expect(ch.recv().value != 2, "value 2 was chosen");
}

TEST(ChooseRules, ViolationTraceShowsTheChoiceAndItsLine) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body(fails_on_two, s.options);
    ASSERT_EQ(verdict_of(o), "assertion") << describe(o);
    std::string trace = format_trace(o.result.failing);
    EXPECT_NE(trace.find("chooser      chose 2 of 3"), std::string::npos) << trace;
    EXPECT_NE(trace.find("choose_test.cpp:"), std::string::npos) << trace;
  }
}

TEST(ChooseRules, TokenCarriesTheValueAndReplaysIt) {
  scenario_info s;
  s.name = "test/choose";
  s.body = fails_on_two;
  auto o = check_scenario(s, dfs());
  ASSERT_EQ(verdict_of(o), "assertion") << describe(o);
  ASSERT_FALSE(o.token.empty());
  std::string error;
  auto r = replay_scenario(s, o.token, error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_EQ(verdict_of(r), "assertion") << describe(r);
  EXPECT_EQ(r.result.failing.decisions, o.result.failing.decisions);
  EXPECT_EQ(format_trace(r.result.failing), format_trace(o.result.failing));
  EXPECT_NE(format_trace(r.result.failing).find("chose 2 of 3"), std::string::npos);
}

TEST(ChooseRules, RandomSearchPicksBySeedAndRepeatsItself) {
  auto a = explore_body(fails_on_two, random_search(7, 200));
  auto b = explore_body(fails_on_two, random_search(7, 200));
  ASSERT_EQ(verdict_of(a), "assertion") << describe(a);
  EXPECT_EQ(a.token, b.token);
  EXPECT_EQ(a.result.executions, b.result.executions);
  explore_options pct = random_search(7, 200);
  pct.strategy = "pct";
  EXPECT_EQ(verdict_of(explore_body(fails_on_two, pct)), "assertion");
}

TEST(ChooseRules, OnRealThreadsIsAPseudoRandomValueInRange) {
  std::set<int> seen;
  for (int i = 0; i < 300; ++i) {
    int v = choose(3);
    ASSERT_GE(v, 0);
    ASSERT_LT(v, 3);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 3u);  // 300 draws of a pseudo-random generator miss a value with odds 2^-175
  EXPECT_THROW(choose(-1), panic_error);
}

}  // namespace
}  // namespace chancheck::testing
