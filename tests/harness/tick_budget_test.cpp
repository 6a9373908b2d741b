// tick_budget_test.cpp: in time mode `any` each ticker may tick early, while some
// task is ready, at most execution_options::tick_budget times; its later ticks
// fire only once every task waits. That keeps every search finite without tying a
// tick to the steps of tasks that share nothing with its ticker (the bound it
// replaced, a patience per waiting task, made dpor place every tick among every
// other task's steps: docs/exploration.md, "A ticker's early ticks").
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include <chancheck/chancheck.hpp>
#include "tests/sync/sync_checks.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

/// A poller takes ticks until main closes stop (Go: for { select { case <-t.C: case <-stop: return } }).
void poller_until_stop() {
  auto stop = make_chan<empty>();
  auto stopped = make_chan<empty>();
  go("poller", [stop, stopped] {
    auto t = new_ticker(10ms);
    for (bool done = false; !done;) select(recv(t.c), recv(stop, [&] { done = true; }));
    t.stop();
    stopped.close();
  });
  stop.close();
  (void)stopped.recv();
}

// Go picks uniformly among ready cases, so the loop ends with probability 1. With
// a patience per waiting task instead of a budget, the explorer followed the
// schedule that takes the tick for ever (the poller alone, run at once after each
// tick) into the step bound, and reported this correct loop as a step-limit.
/// A whole search with `strategy` under `budget`, each execution bounded to 300 steps.
explore_options whole_search(const char* strategy, std::uint32_t budget) {
  explore_options o;
  o.strategy = strategy;
  o.max_executions = 0;
  o.exec.max_steps = 300;
  o.exec.tick_budget = budget;
  return o;
}

TEST(TickBudget, ATickerLoopWhoseStopChannelClosedEndsUnderEveryExhaustiveStrategy) {
  for (const char* strategy : {"dfs", "dpor"})
    EXPECT_TRUE(passes_exhaustively(explore_body(poller_until_stop, whole_search(strategy, 3)))) << strategy;
}

/// The ticks a task received before main, never waiting, read their count.
std::set<std::string> ticks_while_main_runs(const std::string& strategy, std::uint32_t budget) {
  std::string out;
  auto body = [&out] {
    struct count {
      mutex mu;
      int n = 0;
    };
    auto c = std::make_shared<count>();
    auto stop = make_chan<empty>();
    go("counter", [c, stop] {
      auto t = new_ticker(10ms);
      for (bool done = false; !done;)
        select(recv(t.c, [&] { c->mu.lock(), ++c->n, c->mu.unlock(); }), recv(stop, [&] { done = true; }));
      t.stop();
    });
    yield();
    c->mu.lock();
    out = std::to_string(c->n);
    c->mu.unlock();
    stop.close();
  };
  execution_options exec;
  exec.tick_budget = budget;
  std::set<std::string> counts;
  const whole_outcomes w = explore_whole(strategy, body, out, exec);
  EXPECT_TRUE(w.result.exhaustive) << strategy;
  for (const auto& s : w.outcomes) counts.insert(s.substr(0, s.find(' ')));
  return counts;
}

std::set<std::string> zero_to(int n) {
  std::set<std::string> s;
  for (int i = 0; i <= n; ++i) s.insert(std::to_string(i));
  return s;
}

// The first tick is a timer like any other; each early tick after it spends the budget.
TEST(TickBudget, WhileATaskIsReadyATickerTicksItsFirstTickAndAtMostItsBudgetMore) {
  for (const char* strategy : {"dfs", "dpor"})
    for (std::uint32_t budget : {0u, 1u, 2u}) {
      EXPECT_EQ(ticks_while_main_runs(strategy, budget), zero_to(1 + static_cast<int>(budget)))
          << strategy << ", budget " << budget;
    }
}

// The budget bounds early ticks only: once every task waits, the ticker ticks on.
TEST(TickBudget, OnceEveryTaskWaitsTheTickerTicksOnPastItsBudget) {
  for (const char* strategy : {"dfs", "dpor"}) {
    auto body = [] {
      const time_point start = now();
      auto t = new_ticker(10ms);
      for (int i = 0; i < 10; ++i) (void)t.c.recv();
      expect(now() == start + 100ms, "ten ticks take 100ms");
      t.stop();
    };
    EXPECT_TRUE(passes_exhaustively(explore_body(body, whole_search(strategy, 0)))) << strategy;
  }
}

// A pass is a proof up to the budget when a tick waited for it; the result says so,
// and a checkpoint keeps it for the resumed search.
TEST(TickBudget, TheResultSaysWhenATickWaitedAtTheBudgetAndACheckpointKeepsIt) {
  explore_options o = whole_search("dpor", 0);
  std::vector<search_checkpoint> saved;
  o.on_checkpoint = [&](const search_checkpoint& c) { saved.push_back(c); };
  o.max_executions = 2;
  const explore_result first = explore(poller_until_stop, o, [](const execution_record&) { return false; });
  EXPECT_TRUE(first.ticks_held);
  ASSERT_FALSE(saved.empty());
  EXPECT_TRUE(saved.back().ticks_held);
  // Resumed at its bound, the search runs nothing more: what it says comes from the checkpoint.
  explore_options again = whole_search("dpor", 0);
  again.max_executions = 2;
  again.resume = std::make_shared<const search_checkpoint>(saved.back());
  EXPECT_TRUE(explore(poller_until_stop, again, [](const execution_record&) { return false; }).ticks_held);
  // Without a ticker nothing waits.
  auto no_ticker = [] {
    auto c = make_chan<int>(1);
    go("sender", [c] { c.send(1); });
    (void)c.recv();
  };
  EXPECT_FALSE(explore(no_ticker, whole_search("dpor", 0), [](const execution_record&) { return false; }).ticks_held);
}

}  // namespace
}  // namespace chancheck::testing
