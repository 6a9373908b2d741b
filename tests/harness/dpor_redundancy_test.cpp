// dpor_redundancy_test.cpp: dpor's redundant executions on the built-in catalog.
//
// An execution dpor cuts short because every task that could move sleeps (its
// sleep sets) repeats a class already explored: optimal dpor (Abdulla et al.,
// "Source sets", JACM 2017) runs none. Each catalog scenario's whole search (every
// class, violations or not) is run here with the number of such executions it has
// now: zero for all but three ticker programs, whose counts are exact, so a change that adds some, or
// removes the last ones, updates it here and in docs/exploration.md.
#include <gtest/gtest.h>

#include <chancheck/properties/scenario.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "util/explore.hpp"

namespace chancheck::testing {

TEST(DporRedundancy, TheCatalogsWholeSearchesRunNoRedundantExecution) {
  // What is left, on ticker programs: a branch added for a race whose reversed
  // order, once run, no longer conflicts (the racing step touches other objects
  // in the new order), so it only repeats an explored class; dpor learns a step's
  // accesses by running it.
  const std::map<std::string, std::uint64_t> known = {
      {"patterns/ticker_worker_leak", 112}, {"patterns/ticker_worker_leak_fixed", 12}, {"timers/ticker_shutdown", 3}};
  std::uint64_t searched = 0;
  for (const scenario_info& s : scenarios()) {
    if (s.expect == expected::step_limit) continue;  // every execution runs to the step bound
    explore_options o;
    o.strategy = "dpor";
    o.max_executions = 100000;
    const explore_result r = explore(s.body, o, [](const execution_record&) { return false; });
    ASSERT_TRUE(r.exhaustive) << s.name;
    const auto k = known.find(s.name);
    EXPECT_EQ(r.pruned, k == known.end() ? 0u : k->second) << s.name << ": " << r.executions << " executions";
    searched += r.executions;
  }
  EXPECT_GT(searched, 500u);  // the catalog was searched
}

}  // namespace chancheck::testing
