// dpor_timer_races_test.cpp: races with a ticker's ticks that no order of the
// steps can reverse add no branch (docs/exploration.md, "Races no order reverses").
//
// Each program below once cut runs short: a branch added for such a race led only
// to classes explored from another branch. The tests assert that none is cut short
// now and that dpor still reaches every class dfs reaches (bench/class_count.hpp
// names a class by the order of the steps on each object).
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <functional>
#include <set>
#include <string>

#include "bench/class_count.hpp"
#include "util/explore.hpp"

namespace chancheck::testing {

namespace {

/// dpor's whole search of `body` cuts no run short, runs `executions`, and
/// reaches exactly the classes dfs reaches.
void expect_no_redundant_runs(const std::function<void()>& body, std::uint64_t executions) {
  bench::class_count dpor, dfs;
  const std::set<std::string> by_dpor = bench::class_keys(body, "dpor", dpor);
  ASSERT_TRUE(dpor.exhaustive);
  EXPECT_EQ(dpor.pruned, 0u);
  EXPECT_EQ(dpor.executions, executions);
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP()
      << "dfs runs thousands of executions here, each a new fiber for the sanitizer: the normal build checks it";
#endif
  const std::set<std::string> by_dfs = bench::class_keys(body, "dfs", dfs);
  ASSERT_TRUE(dfs.exhaustive);
  EXPECT_EQ(by_dpor, by_dfs) << "dpor reached " << by_dpor.size() << " classes, dfs " << by_dfs.size();
}

}  // namespace

// A worker sleeps while main takes two ticks; its sleep's end races with the early
// ticks (the quiet pseudo-object) only when nothing else is ready. When main's own
// step after a tick is still to come, the worker's step would not leave every task
// waiting had it come first, so that race adds nothing (17 runs cut short when it
// did). The ticks past the early ones never fire before a step of a ready task (1
// run cut short when that race added a branch).
TEST(DporTimerRaces, AStepThatLeavesAnotherTaskReadyIsNoRaceWithAnEarlyTick) {
  expect_no_redundant_runs(
      [] {
        auto t = new_ticker(10ms);
        (void)t.c.recv();
        go([] { sleep(15ms); });
        (void)t.c.recv();
        t.stop();
      },
      80);
}

// Main stops its ticker while two tasks sleep. The tick the stop removed waits for
// both sleeps' timers (due earlier, seen armed), so it cannot fire at main's last
// decision: the race's reversal starts with one of those timers firing, not with
// every option there (5 runs cut short when every option was added, 22 more
// without the rule of the test above).
TEST(DporTimerRaces, AStoppedTickStartsItsReversalWithATimerItWaitsFor) {
  expect_no_redundant_runs(
      [] {
        auto t = new_ticker(10ms);
        go([] { sleep(15ms); });
        go([] { sleep(25ms); });
        t.stop();
      },
      65);
}

// The reversal of a stop's race with the firing it prevented starts with an
// earlier timer the firing waits for; that timer may instead be stopped by another
// task, and the orders that take that way are reached too (by the race between
// the earlier timer's firing and its stop): dpor reaches every outcome dfs does.
TEST(DporTimerRaces, AnEarlierTimerStoppedInsteadOfFiredStillLetsTheLaterOneFire) {
  std::string out;
  const auto body = [&out] {
    auto a = new_timer(10ms);
    auto b = new_timer(20ms);
    auto done = make_chan<bool>(1);
    go([a, done]() mutable { done.send(a.stop()); });
    const bool main_stopped = b.stop();
    out = std::string(done.recv().value ? "a stopped" : "a fired") + (main_stopped ? ", b stopped" : ", b fired");
  };
  const whole_outcomes all = explore_whole("dfs", body, out);
  const whole_outcomes reduced = explore_whole("dpor", body, out);
  ASSERT_TRUE(all.result.exhaustive);
  ASSERT_TRUE(reduced.result.exhaustive);
  EXPECT_TRUE(all.outcomes.count("a stopped, b fired | done done")) << ::testing::PrintToString(all.outcomes);
  EXPECT_EQ(reduced.outcomes, all.outcomes);
  EXPECT_EQ(reduced.result.pruned, 0u);
}

}  // namespace chancheck::testing
