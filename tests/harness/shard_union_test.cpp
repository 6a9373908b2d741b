// shard_union_test.cpp: `--shard I/N` splits one search exactly. On the family of
// N independent process() calls (bench/family.hpp), the shards of dpor, dfs and
// random together run every execution of the search with one shard, each once
// (the decision sequences of the shards are disjoint and their union is the
// whole search's), and with the leaking variant some shard finds the leak that
// the whole search finds.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>
#include "bench/family.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

using shard_run = explored_runs;

/// Shard `index` of `count` (count 0: not sharded) of `strategy` on the family of `n` calls.
shard_run explore_shard(const std::string& strategy, unsigned n, std::size_t capacity, std::uint32_t index,
                        std::uint32_t count, bool stop_at_leak = false) {
  bench::process_family family(n, capacity);
  explore_options o;
  o.strategy = strategy;
  o.max_executions = strategy == "random" ? 1000 : 0;
  o.dpor_split = false;
  o.shard_index = index;
  o.shard_count = count;
  shard_run out;
  out.result = explore(family.body(), o, [&](const execution_record& r) {
    out.runs.push_back(r.decisions);
    return stop_at_leak && violates(r);
  });
  return out;
}

/// Checks that `count` shards add up to the search with one shard: the same
/// executions (decision sequences, counted with their repeats), none run twice.
void expect_exact_split(const std::string& strategy, unsigned n, std::uint32_t count) {
  const shard_run whole = explore_shard(strategy, n, 1, 0, 1);
  ASSERT_GT(whole.result.executions, 1u);
  std::multiset<std::vector<std::uint32_t>> seen;
  std::uint64_t total = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const shard_run part = explore_shard(strategy, n, 1, i, count);
    ASSERT_TRUE(part.result.error.empty()) << part.result.error;
    EXPECT_EQ(part.result.exhaustive, whole.result.exhaustive) << "shard " << i;
    total += part.result.executions;
    seen.insert(part.runs.begin(), part.runs.end());
  }
  EXPECT_EQ(total, whole.result.executions) << strategy;
  EXPECT_EQ(seen, std::multiset<std::vector<std::uint32_t>>(whole.runs.begin(), whole.runs.end())) << strategy;
}

}  // namespace

TEST(ShardUnion, FourDporShardsRunExactlyTheExecutionsOfOneSearch) { expect_exact_split("dpor", 4, 4); }

TEST(ShardUnion, ThreeDporShardsRunExactlyTheExecutionsOfOneSearch) { expect_exact_split("dpor", 3, 3); }

TEST(ShardUnion, FourDfsShardsRunExactlyTheExecutionsOfOneSearch) { expect_exact_split("dfs", 1, 4); }

TEST(ShardUnion, FourRandomShardsRunExactlyTheExecutionsOfOneSample) { expect_exact_split("random", 3, 4); }

// More shards than the first decision has options: the extra shards own nothing and say so.
TEST(ShardUnion, ShardsBeyondTheFirstDecisionRunNothing) {
  const shard_run whole = explore_shard("dpor", 2, 1, 0, 1);
  std::uint64_t total = 0;
  for (std::uint32_t i = 0; i < 16; ++i) total += explore_shard("dpor", 2, 1, i, 16).result.executions;
  EXPECT_EQ(total, whole.result.executions);
  EXPECT_EQ(explore_shard("dpor", 2, 1, 15, 16).result.executions, 0u);
  EXPECT_TRUE(explore_shard("dpor", 2, 1, 15, 16).result.exhaustive);
}

// The leaking family (unbuffered result channels): the whole search finds the
// leak, and so does the union of the shards.
TEST(ShardUnion, TheShardsFindTheLeakTheWholeSearchFinds) {
  for (const std::string strategy : {"dpor", "dfs"}) {
    ASSERT_TRUE(explore_shard(strategy, 3, 0, 0, 1, true).result.found) << strategy;
    bool found = false;
    for (std::uint32_t i = 0; i < 4; ++i) found = explore_shard(strategy, 3, 0, i, 4, true).result.found || found;
    EXPECT_TRUE(found) << strategy;
  }
}

// pct and bounded cannot be split exactly: the explorer refuses rather than run a wrong union.
TEST(ShardUnion, StrategiesThatCannotBeSplitAreRefused) {
  for (const std::string strategy : {"pct", "bounded"}) {
    const shard_run part = explore_shard(strategy, 2, 1, 1, 2);
    EXPECT_NE(part.result.error.find("cannot be split into shards"), std::string::npos) << strategy;
    EXPECT_EQ(part.result.executions, 0u);
  }
}

}  // namespace chancheck::testing
