// dpor_family_test.cpp: dpor on the benchmark family "N independent process()
// calls" (bench/family.hpp), whose figures docs/exploration.md reports: how
// many executions dpor runs for the fixed family, how many equivalence classes
// they cover (bench/class_count.hpp), and that dpor runs no more executions
// than dfs. The counts are exact: a change to the engine or to dpor that changes
// them on purpose must update them here and in docs/exploration.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <set>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>
#include "bench/class_count.hpp"
#include "bench/family.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

struct family_run {
  explore_result result;
  std::uint64_t violating = 0;
};

// Explores the whole space of the family (nothing stops the search); dpor
// splits the independent calls unless `split` is false.
family_run explore_family(unsigned n, std::size_t capacity, const std::string& s, std::uint64_t max_executions,
                          bool split = true) {
  bench::process_family family(n, capacity);
  explore_options o;
  o.strategy = s;
  o.max_executions = max_executions;
  o.dpor_split = split;
  family_run out;
  out.result = explore(family.body(), o, [&](const execution_record& r) {
    if (violates(r)) ++out.violating;
    return false;
  });
  return out;
}

bench::class_count classes_of(unsigned n, const std::string& s) {
  bench::process_family family(n, 1);
  return bench::count_classes(family.body(), s, std::chrono::milliseconds(0), [&] { return family.results(); });
}

}  // namespace

// The measured figures of docs/exploration.md: dpor's executions for the fixed
// family. Every combination of the calls: one per class, 4^N. Split into the
// calls (independent groups): main's run, then 3 more per call, 1 + 3N.
TEST(DporFamily, RunsTheMeasuredNumberOfExecutionsOnTheFixedFamily) {
  struct expected {
    unsigned n;
    std::uint64_t whole, split, cut_short;  ///< cut_short: the whole search's runs cut short as repeats
  };
  for (auto e : {expected{1, 4, 4, 0}, expected{2, 16, 7, 0}, expected{3, 64, 10, 0}, expected{4, 256, 13, 0},
                 expected{8, 0, 25, 0}, expected{12, 0, 37, 0}}) {
    if (e.whole) {
      auto run = explore_family(e.n, 1, "dpor", 0, false);
      ASSERT_TRUE(run.result.error.empty()) << run.result.error;
      EXPECT_TRUE(run.result.exhaustive) << "N = " << e.n;
      EXPECT_EQ(run.violating, 0u) << "N = " << e.n << ": the fixed family must pass every execution";
      EXPECT_EQ(run.result.executions, e.whole) << "N = " << e.n;
      EXPECT_EQ(run.result.pruned, e.cut_short) << "N = " << e.n;
    }
    auto split = explore_family(e.n, 1, "dpor", 0);
    EXPECT_TRUE(split.result.exhaustive) << "N = " << e.n;
    EXPECT_EQ(split.violating, 0u) << "N = " << e.n;
    EXPECT_EQ(split.result.executions, e.split) << "N = " << e.n << " (split)";
  }
}

// Split, the buggy family still shows every call's leak: each call's group is
// explored, and some execution of it leaves that call's search task blocked.
TEST(DporFamily, SplitSearchFindsEveryCallsLeak) {
  for (unsigned n : {1u, 3u, 8u}) {
    bench::process_family family(n, 0);
    explore_options o;
    o.strategy = "dpor";
    o.max_executions = 0;
    std::set<std::int32_t> leaked_calls;  // by the id of the call task that started the leaked search
    auto r = explore(family.body(), o, [&](const execution_record& rec) {
      for (const auto& t : rec.tasks)
        if (t.state == task_state::blocked && t.parent > 0)
          leaked_calls.insert(
              1 + static_cast<std::int32_t>(std::count_if(rec.tasks.begin(), rec.tasks.begin() + t.parent,
                                                          [](const trace_task& u) { return u.parent == 0; })));
      return false;
    });
    EXPECT_TRUE(r.exhaustive) << "N = " << n;
    EXPECT_EQ(r.executions, 1 + 3u * n) << "N = " << n;
    EXPECT_EQ(leaked_calls.size(), n) << "N = " << n << ": every call's leak is seen";
  }
}

// The equivalence classes those executions fall in: one execution per class.
// The calls are independent (no object in common, and time mode `any` orders
// only timers whose arming happened before one another), so the classes are
// the product of one call's 4: 4^N, with 2^N outcomes.
TEST(DporFamily, RunsOneExecutionPerClass) {
  struct expected {
    unsigned n;
    std::uint64_t classes, outcomes, cut_short;
  };
  for (auto e : {expected{1, 4, 2, 0}, expected{2, 16, 4, 0}, expected{3, 64, 8, 0}, expected{4, 256, 16, 0}}) {
    auto c = classes_of(e.n, "dpor");
    ASSERT_TRUE(c.exhaustive) << "N = " << e.n;
    EXPECT_EQ(c.classes, e.classes) << "N = " << e.n;
    EXPECT_EQ(c.outcomes, e.outcomes) << "N = " << e.n << ": each call returns the result or \"search canceled\"";
    EXPECT_EQ(c.executions, c.classes) << "N = " << e.n << ": an execution repeated a class";
    EXPECT_EQ(c.pruned, e.cut_short) << "N = " << e.n << ": a run cut short as a repeat";
  }
}

// dfs runs every interleaving, so for N = 1 it sees every class: dpor must cover
// the same ones.
TEST(DporFamily, CoversEveryClassDfsSeesForOneCall) {
  auto full = classes_of(1, "dfs");
  auto reduced = classes_of(1, "dpor");
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
      auto dfs = explore_family(n, capacity, "dfs", cap);
      auto dpor = explore_family(n, capacity, "dpor", 0);
      ASSERT_TRUE(dpor.result.exhaustive) << "N = " << n << ", capacity " << capacity;
      if (dfs.result.exhaustive)
        EXPECT_LE(dpor.result.executions, dfs.result.executions) << "N = " << n << ", capacity " << capacity;
      else
        EXPECT_LT(dpor.result.executions, cap) << "N = " << n << ", capacity " << capacity;
      EXPECT_EQ(dfs.result.exhaustive, n == 1)
          << "N = " << n << ": dfs was expected to " << (n == 1 ? "finish" : "hit its cap");
    }
  }
}

}  // namespace chancheck::testing
