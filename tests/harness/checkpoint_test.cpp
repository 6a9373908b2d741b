// checkpoint_test.cpp: a search saved between executions and resumed in a fresh
// strategy goes on exactly as the uninterrupted search: for each resumable strategy
// and several catalog scenarios (with dpor's split search, without it, and sharded),
// a search stopped every k executions (its state saved, the strategy destroyed, a new
// one restored from the state) runs the same executions, with the same decisions, in
// the same order, to the same result. A state that does not fit is refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>
#include <chancheck/harness/strategies/search_state.hpp>
#include <chancheck/properties/scenario.hpp>
#include <chancheck/properties/termination.hpp>
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

struct search_log : explored_runs {
  int resumes = 0;  ///< how many times the search was resumed from its checkpoint
};

/// The body of the catalog scenario `name`.
const std::function<void()>& body_of(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("no scenario " + name);
  return s->body;
}

/// The search `o` of `name` in one go.
search_log uninterrupted(const std::string& name, const explore_options& o) {
  search_log out;
  out.result = explore(body_of(name), o, [&](const execution_record& r) {
    out.runs.push_back(r.decisions);
    return violates(r);
  });
  return out;
}

/// The search `o` of `name`, stopped after every k executions and resumed from its checkpoint.
search_log resumed_every(const std::string& name, explore_options o, std::uint64_t k) {
  search_log out;
  const std::uint64_t bound = o.max_executions;
  std::shared_ptr<const search_checkpoint> saved;
  o.on_checkpoint = [&](const search_checkpoint& c) { saved = std::make_shared<search_checkpoint>(c); };
  for (std::uint64_t upto = k;; upto += k) {
    o.max_executions = bound ? std::min(bound, upto) : upto;
    o.resume = saved;
    out.result = explore(body_of(name), o, [&](const execution_record& r) {
      out.runs.push_back(r.decisions);
      return violates(r);
    });
    if (out.result.bound != bound_hit::executions || o.max_executions == bound) return out;
    ++out.resumes;
  }
}

/// Checks that `o` on `name` resumed every k executions is the uninterrupted search.
void expect_same_search(const std::string& name, const explore_options& o, std::uint64_t k) {
  const search_log whole = uninterrupted(name, o);
  ASSERT_TRUE(whole.result.error.empty()) << whole.result.error;
  const search_log parts = resumed_every(name, o, k);
  ASSERT_TRUE(parts.result.error.empty()) << parts.result.error;
  if (whole.result.executions > 3 * k) {
    EXPECT_GT(parts.resumes, 2) << name;
  }
  EXPECT_EQ(parts.result.executions, whole.result.executions) << name;
  EXPECT_EQ(parts.result.pruned, whole.result.pruned) << name;
  EXPECT_EQ(parts.result.exhaustive, whole.result.exhaustive) << name;
  EXPECT_EQ(parts.result.found, whole.result.found) << name;
  EXPECT_EQ(parts.result.failing.decisions, whole.result.failing.decisions) << name;
  EXPECT_EQ(parts.result.covers, whole.result.covers) << name;
  EXPECT_EQ(parts.result.coverage, whole.result.coverage) << name;
  EXPECT_TRUE(parts.runs == whole.runs) << name << ": the resumed search ran other executions";
}

/// Catalog scenarios of a few hundred to some thousands of executions (dfs), one that leaks.
const std::vector<std::string> scenarios = {"patterns/ticker_loop_fixed", "patterns/pool_first_error_fixed",
                                            "patterns/semaphore_leak_fixed", "patterns/wg_missing_done_fixed",
                                            "patterns/wg_missing_done"};
/// Independent task groups: dpor splits them (25 executions, 65536 without the split).
const std::string split_scenario = "scale/independent_calls";

explore_options search(const std::string& strategy, std::uint64_t max_executions = 0) {
  explore_options o;
  o.strategy = strategy;
  o.max_executions = max_executions;
  return o;
}

}  // namespace

TEST(Checkpoint, ResumedSearchesRunTheSameExecutions) {
  for (const auto& [strategy, bound] : std::vector<std::pair<std::string, std::uint64_t>>{
           {"dpor", 0}, {"dfs", 0}, {"bounded", 0}, {"random", 400}, {"pct", 400}}) {
    for (const std::string& name : scenarios) expect_same_search(name, search(strategy, bound), 37);
  }
  expect_same_search(split_scenario, search("dpor"), 3);
}

TEST(Checkpoint, DporWithoutTheSplitAndShardedResumesTheSame) {
  explore_options no_split = search("dpor");
  no_split.dpor_split = false;
  explore_options shard = search("dpor");
  shard.shard_index = 1;
  shard.shard_count = 3;
  for (const std::string& name : scenarios) {
    expect_same_search(name, no_split, 29);
    expect_same_search(name, shard, 29);
  }
}

TEST(Checkpoint, ResumingEveryExecutionIsTheSameSearch) { expect_same_search(split_scenario, search("dpor"), 1); }

TEST(Checkpoint, TimedCheckpointsLeaveTheSearchAsItIs) {
  explore_options o = search("dpor");
  const search_log whole = uninterrupted(split_scenario, o);
  int saves = 0;
  o.checkpoint_every = std::chrono::milliseconds(1);
  o.on_checkpoint = [&](const search_checkpoint& c) {
    ++saves;
    EXPECT_EQ(c.strategy, "dpor");
    EXPECT_FALSE(c.state.empty());
  };
  const search_log timed = uninterrupted(split_scenario, o);
  EXPECT_TRUE(timed.runs == whole.runs);
  EXPECT_EQ(timed.result.executions, whole.result.executions);
  EXPECT_GE(saves, 0);
}

TEST(Checkpoint, BoundsCountTheWholeSearchAcrossResumes) {
  explore_options o = search("dfs", 10);
  std::shared_ptr<const search_checkpoint> saved;
  o.on_checkpoint = [&](const search_checkpoint& c) { saved = std::make_shared<search_checkpoint>(c); };
  explore_result first = explore(body_of(split_scenario), o, [](const execution_record&) { return false; });
  ASSERT_TRUE(saved);  // saved once when the bound stopped the search
  EXPECT_EQ(saved->executions, 10u);
  o.resume = saved;
  explore_result again = explore(body_of(split_scenario), o, [](const execution_record&) { return false; });
  EXPECT_EQ(again.executions, 10u);  // the bound was reached before: no execution more
  EXPECT_EQ(again.bound, bound_hit::executions);
  EXPECT_GE(again.seconds, saved->seconds);
}

TEST(Checkpoint, AStateThatDoesNotFitIsRefused) {
  explore_options o = search("dfs", 5);
  std::shared_ptr<const search_checkpoint> saved;
  o.on_checkpoint = [&](const search_checkpoint& c) { saved = std::make_shared<search_checkpoint>(c); };
  explore(body_of(split_scenario), o, [](const execution_record&) { return false; });
  ASSERT_TRUE(saved);
  explore_options other = search("dpor");
  other.resume = saved;
  explore_result r = explore(body_of(split_scenario), other, [](const execution_record&) { return false; });
  EXPECT_NE(r.error.find("the checkpoint does not fit this search"), std::string::npos) << r.error;
  for (const std::string strategy : {"dfs", "dpor", "bounded", "random", "pct"}) {
    explore_options mangled = search(strategy);
    auto bad = std::make_shared<search_checkpoint>();
    bad->strategy = strategy;
    bad->state = {7, 1ULL << 40, 3};
    mangled.resume = bad;
    r = explore(body_of(split_scenario), mangled, [](const execution_record&) { return false; });
    EXPECT_NE(r.error.find("the checkpoint does not fit this search"), std::string::npos) << strategy;
    EXPECT_EQ(r.executions, 0u);
  }
  explore_options replay = search("replay");
  replay.resume = saved;
  r = explore(body_of(split_scenario), replay, [](const execution_record&) { return true; });
  EXPECT_NE(r.error.find("does not fit"), std::string::npos);
}

TEST(Checkpoint, SearchStateReaderFailsOnShortOrMisshapenInput) {
  search_state_writer w;
  w.u64(5);
  w.u32s(std::vector<std::uint32_t>{1, 2, 3});
  w.i32s(std::vector<std::int32_t>{-1, 4});
  w.str("examples/patterns/x.cpp");
  const std::vector<std::uint64_t> words = w.take();
  search_state_reader r(words);
  EXPECT_EQ(r.u64(), 5u);
  EXPECT_EQ(r.u32s(), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(r.i32s(), (std::vector<std::int32_t>{-1, 4}));
  EXPECT_EQ(r.str(), "examples/patterns/x.cpp");
  EXPECT_TRUE(r.done());
  for (std::size_t cut = 0; cut < words.size(); ++cut) {
    search_state_reader shorter(std::span<const std::uint64_t>(words).first(cut));
    shorter.u64(), shorter.u32s(), shorter.i32s(), shorter.str();
    EXPECT_FALSE(shorter.ok()) << cut;
  }
  const std::vector<std::uint64_t> huge = {~0ULL, 1};
  search_state_reader h(huge);
  EXPECT_TRUE(h.u32s().empty());
  EXPECT_FALSE(h.ok());
}

namespace {

/// One select choice of dpor's decision tree as a checkpoint holds it, with timer
/// options and backtrack marks of its own.
std::vector<std::uint64_t> choice_node_state(const std::vector<std::int32_t>& timers,
                                             const std::vector<std::uint32_t>& marks) {
  search_state_writer w;
  w.u64(1);                                                           // one decision
  w.u64(1);                                                           // flags: a select's choice
  w.u64(2);                                                           // two cases, the first taken
  w.u64(0);                                                           // its group
  w.u64(0);                                                           // its chosen branch's side
  w.u64(static_cast<std::uint32_t>(timers.empty() ? 0 : timers[0]));  // options: the lead
  w.u64(0);                                                           // no task words
  w.u64(0);
  w.i32s(timers);                        // a choice has no options of its own
  w.u32s(marks);                         // nor backtrack marks
  w.u64(0);                              // no sleepers
  w.u64(0);                              // nothing explored
  w.u32s(std::vector<std::uint32_t>{});  // the chosen step's accesses
  return w.take();
}

}  // namespace

TEST(Checkpoint, ADecisionWhoseOptionsOrMarksDoNotFitIsRefused) {
  const std::vector<std::uint64_t> good = choice_node_state({}, {});
  search_state_reader fits(good);
  EXPECT_EQ(decision_tree::read_nodes(fits).nodes.size(), 1u);
  EXPECT_TRUE(fits.done());
  for (const auto& bad : {choice_node_state({-1, -2, -3}, {}), choice_node_state({}, {0})}) {
    search_state_reader misfit(bad);
    EXPECT_TRUE(decision_tree::read_nodes(misfit).nodes.empty());
    EXPECT_FALSE(misfit.ok());
  }
}

}  // namespace chancheck::testing
