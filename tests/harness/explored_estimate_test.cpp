// explored_estimate_test.cpp: what a bounded exhaustive search says of the part of
// its tree it explored (strategy::explored_estimate(), explore_result::explored).
// On a tree whose decisions all have subtrees of the same size the estimate is
// exact, for dfs, dpor and the portfolio's dpor; on any tree it lies in (0, 1)
// until the search is exhaustive, then it is 1; sampling strategies and shards
// do not estimate; the text report and the JSON carry it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include <chancheck/chancheck.hpp>
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>
#include <chancheck/reports/json_report.hpp>
#include "util/explore.hpp"

namespace chancheck::testing {
namespace {

// 4 x 4 values: a tree of 16 leaves whose subtrees at each decision are alike.
void two_choices() {
  const int a = choose(4), b = choose(4);
  expect(a + b >= 0, "never fails");
}

// Three senders on a buffered channel: dpor's tree is not uniform.
void three_senders() {
  auto c = make_chan<int>(3);
  for (int id = 1; id <= 3; ++id) go("sender", [c, id] { c.send(id); });
  for (int i = 0; i < 3; ++i) c.recv();
}

explore_result search(void (*body)(), const std::string& strategy, std::uint64_t max_executions,
                      std::uint32_t shards = 0) {
  explore_options o;
  o.strategy = strategy;
  o.max_executions = max_executions;
  o.shard_count = shards;
  return explore(body, o, [](const execution_record& r) { return violates(r); });
}

TEST(ExploredEstimate, IsExactOnATreeOfEqualSubtrees) {
  for (const char* strategy : {"dfs", "dpor", "portfolio"}) {
    const explore_result r = search(two_choices, strategy, 6);
    ASSERT_EQ(r.executions, 6u) << strategy;
    ASSERT_FALSE(r.exhaustive) << strategy;
    EXPECT_DOUBLE_EQ(r.explored, 6.0 / 16) << strategy;
    EXPECT_DOUBLE_EQ(search(two_choices, strategy, 0).explored, 1) << strategy;
  }
}

TEST(ExploredEstimate, LiesBetweenNothingAndAllUntilTheSearchEnds) {
  const explore_result whole = search(three_senders, "dpor", 0);
  ASSERT_TRUE(whole.exhaustive);
  ASSERT_GT(whole.executions, 4u);
  for (std::uint64_t n = 1; n < whole.executions; ++n) {
    const explore_result part = search(three_senders, "dpor", n);
    EXPECT_GT(part.explored, 0) << n;
    EXPECT_LT(part.explored, 1) << n;
  }
  EXPECT_DOUBLE_EQ(whole.explored, 1);
}

TEST(ExploredEstimate, SamplersAndShardsDoNotEstimate) {
  EXPECT_LT(search(two_choices, "random", 6).explored, 0);
  EXPECT_LT(search(two_choices, "pct", 6).explored, 0);
  EXPECT_LT(search(two_choices, "dpor", 3, 2).explored, 0);
  EXPECT_LT(search(two_choices, "dfs", 3, 2).explored, 0);
}

TEST(ExploredEstimate, TheReportsSayIt) {
  explore_options o;
  o.strategy = "dfs";
  o.max_executions = 6;
  const scenario_outcome out = explore_body(two_choices, o);
  const std::string line = summary_line(out, false);
  EXPECT_NE(line.find("search tree about 38% explored"), std::string::npos) << line;
  EXPECT_NE(line.find("at this rate about 16 executions in all"), std::string::npos) << line;
  const nlohmann::json j = nlohmann::json::parse(to_json({out}));
  EXPECT_DOUBLE_EQ(j["scenarios"][0]["explored_estimate"].get<double>(), 0.375);
  // A finished search says nothing of the kind.
  o.max_executions = 0;
  const scenario_outcome all = explore_body(two_choices, o);
  EXPECT_EQ(summary_line(all, false).find("search tree about"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(to_json({all}))["scenarios"][0].contains("explored_estimate"));
}

}  // namespace
}  // namespace chancheck::testing
