// dpor_family_test.cpp: dpor on the benchmark family "N independent process()
// calls" (bench/family.hpp), whose figures docs/exploration.md reports: how
// many executions dpor runs for the fixed family, how many equivalence classes
// they cover (bench/class_count.hpp), and that dpor runs no more executions
// than dfs. The counts are exact: a change to the engine or to dpor that changes
// them on purpose must update them here and in docs/exploration.md.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

#include "bench/class_count.hpp"
#include "bench/family.hpp"
#include "harness/explorer.hpp"
#include "properties/termination.hpp"

namespace chancheck::testing {

namespace {

struct family_run {
  explore_result result;
  std::uint64_t violating = 0;
};

// Explores the whole space of the family (nothing stops the search).
family_run explore_family(unsigned n, std::size_t capacity, strategy_id s, std::uint64_t max_executions) {
  bench::process_family family(n, capacity);
  explore_options o;
  o.strategy = s;
  o.max_executions = max_executions;
  family_run out;
  out.result = explore(family.body(), o, [&](const execution_record& r) {
    if (violates(r)) ++out.violating;
    return false;
  });
  return out;
}

bench::class_count classes_of(unsigned n, strategy_id s) {
  bench::process_family family(n, 1);
  return bench::count_classes(family.body(), s, std::chrono::milliseconds(0), [&] { return family.results(); });
}

}  // namespace

// The measured figures of docs/exploration.md: dpor's executions (complete, and
// cut short by sleep sets) for the fixed family, N = 1, 2, 3.
TEST(DporFamily, RunsTheMeasuredNumberOfExecutionsOnTheFixedFamily) {
  struct expected {
    unsigned n;
    std::uint64_t executions, pruned;
  };
  for (auto e : {expected{1, 4, 0}, expected{2, 16, 0}, expected{3, 64, 0}, expected{4, 256, 0}}) {
    auto run = explore_family(e.n, 1, strategy_id::dpor, 0);
    ASSERT_TRUE(run.result.error.empty()) << run.result.error;
    EXPECT_TRUE(run.result.exhaustive) << "N = " << e.n;
    EXPECT_EQ(run.violating, 0u) << "N = " << e.n << ": the fixed family must pass every execution";
    EXPECT_EQ(run.result.executions, e.executions) << "N = " << e.n;
    EXPECT_EQ(run.result.pruned, e.pruned) << "N = " << e.n;
  }
}

// The equivalence classes those executions fall in: one execution per class.
// The calls are independent (no object in common, and time mode `any` orders
// only timers whose arming happened before one another), so the classes are
// the product of one call's 4: 4^N, with 2^N outcomes.
TEST(DporFamily, RunsOneExecutionPerClass) {
  struct expected {
    unsigned n;
    std::uint64_t classes, outcomes;
  };
  for (auto e : {expected{1, 4, 2}, expected{2, 16, 4}, expected{3, 64, 8}, expected{4, 256, 16}}) {
    auto c = classes_of(e.n, strategy_id::dpor);
    ASSERT_TRUE(c.exhaustive) << "N = " << e.n;
    EXPECT_EQ(c.classes, e.classes) << "N = " << e.n;
    EXPECT_EQ(c.outcomes, e.outcomes) << "N = " << e.n << ": each call returns the result or \"search canceled\"";
    EXPECT_EQ(c.executions, c.classes) << "N = " << e.n << ": an execution repeated a class";
    EXPECT_EQ(c.pruned, 0u) << "N = " << e.n;
  }
}

// dfs runs every interleaving, so for N = 1 it sees every class: dpor must cover
// the same ones.
TEST(DporFamily, CoversEveryClassDfsSeesForOneCall) {
  auto full = classes_of(1, strategy_id::dfs);
  auto reduced = classes_of(1, strategy_id::dpor);
  ASSERT_TRUE(full.exhaustive);
  ASSERT_TRUE(reduced.exhaustive);
  EXPECT_EQ(reduced.classes, full.classes);
  EXPECT_EQ(reduced.outcomes, full.outcomes);
  EXPECT_LT(reduced.executions, full.executions);
}

// dpor runs no more executions than dfs. For N = 2 dfs does not finish in a
// test's time (millions of executions): it is capped, and dpor's whole
// exploration must stay below the cap.
TEST(DporFamily, RunsNoMoreExecutionsThanDfs) {
  constexpr std::uint64_t cap = 20000;
  for (unsigned n : {1u, 2u}) {
    for (std::size_t capacity : {std::size_t{0}, std::size_t{1}}) {
      auto dfs = explore_family(n, capacity, strategy_id::dfs, cap);
      auto dpor = explore_family(n, capacity, strategy_id::dpor, 0);
      ASSERT_TRUE(dpor.result.exhaustive) << "N = " << n << ", capacity " << capacity;
      if (dfs.result.exhaustive)
        EXPECT_LE(dpor.result.executions, dfs.result.executions) << "N = " << n << ", capacity " << capacity;
      else
        EXPECT_LT(dpor.result.executions, cap) << "N = " << n << ", capacity " << capacity;
      EXPECT_EQ(dfs.result.exhaustive, n == 1) << "N = " << n << ": dfs was expected to "
                                               << (n == 1 ? "finish" : "hit its cap");
    }
  }
}

}  // namespace chancheck::testing
