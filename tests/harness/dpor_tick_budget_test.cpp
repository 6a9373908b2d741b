// dpor_tick_budget_test.cpp: a ticker's early ticks are a dependence dpor must see.
// In time mode `any` a ticker ticks early (while a task is ready) at most
// tick_budget times, and after that only once every task waits; so whether a tick
// costs budget depends on whether it fires before or after the step that leaves
// every task waiting, also a step of a task that shares nothing with the ticker.
// This program (found by the differential test under the earlier bound, a
// patience per waiting task) checks that dpor reaches every outcome dfs does.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <functional>
#include <set>
#include <string>

#include "tests/harness/program_gen.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {
gen_op op(gen_op::kind_t k, int ch = 0, int value = 0) {
  gen_op o;
  o.kind = k;
  o.ch = o.ch2 = ch;
  o.value = value;
  return o;
}

/// task 0: select{<-c0, c0<-1}; task 1: ticker(10ms), stop, select{<-c0, <-after(10ms)}, now(); task 2: c0<-2.
gen_program ticker_among_independent_steps() {
  gen_program p;
  p.caps = {1};
  gen_op sel = op(gen_op::select2, 0, 1);
  sel.send2 = true;
  p.tasks = {{sel},
             {op(gen_op::ticker, 0, 10), op(gen_op::after_select, 0, 10), op(gen_op::now_ms)},
             {op(gen_op::send, 0, 2)}};
  return p;
}

}  // namespace

// The outcome with the most ticks before the stop: the first tick and the three
// early ones (10 to 40 ms) fire before task 1 stops its ticker, so its after(10ms)
// ends at 50 ms, while main and task 2 take their turns in between.
TEST(DporTickBudget, TicksAmongAnotherTasksStepsReachTheOutcomeWithTheMostTicks) {
  const gen_outcomes reduced = explore_outcomes(ticker_among_independent_steps(), "dpor", time_mode::any);
  ASSERT_TRUE(reduced.result.exhaustive);
  EXPECT_TRUE(reduced.seen.count("[s200 end][k10 a2 t50 end][end]")) << ::testing::PrintToString(reduced.seen);
}

TEST(DporTickBudget, TicksAmongAnotherTasksStepsReachEveryOutcomeDfsReaches) {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "dfs runs 32,000 executions here, each a new fiber for the sanitizer: the normal build checks it";
#endif
  const gen_program p = ticker_among_independent_steps();
  const gen_outcomes full = explore_outcomes(p, "dfs", time_mode::any);
  const gen_outcomes reduced = explore_outcomes(p, "dpor", time_mode::any);
  ASSERT_TRUE(full.result.exhaustive);
  ASSERT_TRUE(reduced.result.exhaustive);
  EXPECT_EQ(reduced.seen, full.seen);
  EXPECT_LT(reduced.result.executions, full.result.executions);
}

namespace {

/// Explores `body`, which writes whether its stop came in time into `out`, with dfs
/// and dpor: each sees the timer both stopped and fired.
void expect_stopped_and_fired(const std::function<void()>& body, const std::string& out) {
  const whole_outcomes all = explore_whole("dfs", body, out);
  const whole_outcomes reduced = explore_whole("dpor", body, out);
  ASSERT_TRUE(all.result.exhaustive);
  ASSERT_TRUE(reduced.result.exhaustive);
  EXPECT_EQ(all.outcomes, (std::set<std::string>{"fired | done", "stopped | done"}));
  EXPECT_EQ(reduced.outcomes, all.outcomes);
}

}  // namespace

// A timer that waits for one due earlier (time mode `any`: its arming knew that
// one) cannot fire while the earlier one is armed; once that one fires it can,
// before main's next step. So the race between main's stop and the later timer's
// firing is reversed by firing the earlier timer first, though no initial of the
// reversal can run at that decision: dpor must keep every option there.
TEST(DporTickBudget, ATimerBehindAnEarlierOneCanStillFireBeforeAStop) {
  std::string out;
  expect_stopped_and_fired(
      [&out] {
        auto earlier = after(10ms);  // armed, never received from
        auto t = new_timer(20ms);
        out = t.stop() ? "stopped" : "fired";
      },
      out);
}

// The same behind a ticker: the later timer waits for the ticks due before it
// (the second by the edge the ticker's re-arming adds), which fire early.
TEST(DporTickBudget, ATimerBehindATickersTicksCanStillFireBeforeAStop) {
  std::string out;
  expect_stopped_and_fired(
      [&out] {
        auto ticks = new_ticker(10ms);
        auto t = new_timer(25ms);
        out = t.stop() ? "stopped" : "fired";
        ticks.stop();
      },
      out);
}

}  // namespace chancheck::testing
