// dpor_redundancy_test.cpp: dpor's redundant executions on the built-in catalog.
//
// An execution dpor cuts short because every task that could move sleeps (its
// sleep sets), the only one that can move included, repeats a class already
// explored: optimal dpor (Abdulla et al., "Source sets", JACM 2017) runs none.
// Each catalog scenario's whole search (every class, violations or not) is run
// here with the exact number of such runs it has now: zero for all but one, so
// a change that adds some, or removes some, updates it here and in
// docs/exploration.md ("Redundant executions").
#include <gtest/gtest.h>

#include <chancheck/properties/scenario.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "util/explore.hpp"

namespace chancheck::testing {

TEST(DporRedundancy, TheCatalogsWholeSearchesCutShortExactlyTheKnownRedundantRuns) {
  // Branches from a source set that lead only to classes explored from another
  // branch (a wakeup tree would not add them): cut short where the tasks left sleep.
  // (The races no order reverses add none: 308 and 15 before, tests/harness/
  // dpor_timer_races_test.cpp.)
  const std::map<std::string, std::uint64_t> redundant = {{"patterns/ticker_worker_leak", 6}};
  // The ticker programs' counts: a race that only held timers, or ticks past their
  // ticker's early ticks, could reverse adds no branch (with every option there,
  // before that rule, 1,924, 157 and 148 executions).
  const std::map<std::string, std::uint64_t> tickers = {{"patterns/ticker_worker_leak", 1368},
                                                        {"patterns/ticker_worker_leak_fixed", 162},
                                                        {"timers/ticker_shutdown", 93}};
  std::uint64_t searched = 0;
  for (const scenario_info& s : scenarios()) {
    if (s.expect == expected::step_limit) continue;  // every execution runs to the step bound
    explore_options o;
    o.strategy = "dpor";
    o.max_executions = 100000;
    const explore_result r = explore(s.body, o, [](const execution_record&) { return false; });
    ASSERT_TRUE(r.exhaustive) << s.name;
    const auto k = redundant.find(s.name);
    EXPECT_EQ(r.pruned, k == redundant.end() ? 0u : k->second) << s.name << ": " << r.executions << " executions";
    if (const auto t = tickers.find(s.name); t != tickers.end()) {
      EXPECT_EQ(r.executions, t->second) << s.name;
    }
    searched += r.executions;
  }
  EXPECT_GT(searched, 500u);  // the catalog was searched
}

}  // namespace chancheck::testing
