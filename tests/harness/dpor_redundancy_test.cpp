// dpor_redundancy_test.cpp: dpor's redundant executions on the built-in catalog.
//
// An execution dpor cuts short because every task that could move sleeps (its
// sleep sets) repeats a class already explored: optimal dpor (Abdulla et al.,
// "Source sets", JACM 2017) runs none, and neither does this dpor on the catalog.
// Each catalog scenario's whole search (every class, violations or not) is run
// here, and none may cut an execution short; a change that brings one back shows
// here (docs/exploration.md, "Redundant executions").
#include <gtest/gtest.h>

#include <chancheck/properties/scenario.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "util/explore.hpp"

namespace chancheck::testing {

TEST(DporRedundancy, TheCatalogsWholeSearchesRunNoRedundantExecution) {
  // The ticker programs' counts are exact: a race that only a timer unable to fire
  // could reverse, or an early tick's race that cannot make the tick free, adds no
  // branch (with every option there, 1,924, 157 and 148 executions).
  const std::map<std::string, std::uint64_t> tickers = {{"patterns/ticker_worker_leak", 1042},
                                                        {"patterns/ticker_worker_leak_fixed", 110},
                                                        {"timers/ticker_shutdown", 93}};
  std::uint64_t searched = 0;
  for (const scenario_info& s : scenarios()) {
    if (s.expect == expected::step_limit) continue;  // every execution runs to the step bound
    explore_options o;
    o.strategy = "dpor";
    o.max_executions = 100000;
    const explore_result r = explore(s.body, o, [](const execution_record&) { return false; });
    ASSERT_TRUE(r.exhaustive) << s.name;
    EXPECT_EQ(r.pruned, 0u) << s.name << ": " << r.executions << " executions";
    if (const auto t = tickers.find(s.name); t != tickers.end()) {
      EXPECT_EQ(r.executions, t->second) << s.name;
    }
    searched += r.executions;
  }
  EXPECT_GT(searched, 500u);  // the catalog was searched
}

}  // namespace chancheck::testing
