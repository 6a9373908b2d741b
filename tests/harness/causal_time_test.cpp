// causal_time_test.cpp: time in time mode `any` (harness/causal_clock.hpp).
// A task's now() is the latest deadline it has seen happen; timers of unrelated
// tasks fire in either order; a timer fires after the timers armed before it
// that are due earlier; a ticker's ticks count as armed with the ticker. Time
// mode `exact` keeps one clock and fires in deadline order.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <set>
#include <string>

#include <chancheck/harness/engine/explorer.hpp>
#include "tests/model/semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

using namespace std::chrono_literals;

// Every value `observe` holds at the end of an execution, over a whole dfs search.
std::set<std::string> outcomes(const std::function<void(std::string&)>& body, time_mode mode) {
  std::set<std::string> seen;
  std::string current;
  explore_options o;
  o.strategy = "dfs";
  o.exec.time = mode;
  o.max_executions = 100000;
  auto r = explore(
      [&] {
        current.clear();
        body(current);
      },
      o,
      [&](const execution_record&) {
        seen.insert(current);
        return false;
      });
  EXPECT_TRUE(r.exhaustive);
  return seen;
}

// Two unrelated tasks sleep 10 and 20 ms, then report. Either may be late.
void two_sleepers(std::string& order) {
  auto done = make_chan<char>(2);
  go("short", [done] {
    sleep(10ms);
    done.send('s');
  });
  go("long", [done] {
    sleep(20ms);
    done.send('l');
  });
  order += done.recv().value;
  order += done.recv().value;
}

}  // namespace

TEST(CausalTime, TimersOfUnrelatedTasksFireInEitherOrder) {
  EXPECT_EQ(outcomes(two_sleepers, time_mode::any), (std::set<std::string>{"ls", "sl"}));
}

TEST(CausalTime, ExactModeKeepsOneClockInDeadlineOrder) {
  EXPECT_EQ(outcomes(two_sleepers, time_mode::exact), (std::set<std::string>{"sl"}));
}

TEST(CausalTime, ATimerFiresAfterTheEarlierDueTimersArmedBeforeIt) {
  auto o = explore_body([] {
    auto first = after(10ms);
    auto second = after(20ms);
    (void)second.recv();
    expect(first.len() == 1, "the 10 ms timer armed first has fired before the 20 ms one");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(CausalTime, NowIsTheLatestDeadlineATaskHasSeen) {
  auto seen = outcomes(
      [](std::string& out) {
        auto ready = make_chan<int>(0);
        go("sleeper", [ready] {
          sleep(50ms);
          ready.send(1);
        });
        go("bystander", [] { (void)now(); });  // sees nothing: its time stays 0
        time_point before = now();
        (void)ready.recv();
        out = std::to_string(before.time_since_epoch() / 1ms) + "," + std::to_string(now().time_since_epoch() / 1ms);
      },
      time_mode::any);
  EXPECT_EQ(seen, (std::set<std::string>{"0,50"})) << "main learns the time from the task it heard from";
}

TEST(CausalTime, TicksCountAsArmedWithTheTicker) {
  auto o = explore_body([] {
    auto t = new_ticker(10ms);
    sleep(25ms);  // armed after the ticker: the ticks at 10 and 20 ms come first
    expect(t.c.len() == 1, "a tick is waiting");
    auto tick = t.c.recv();
    expect(tick.value.time_since_epoch() == 10ms, "the oldest tick is kept");
    auto next = t.c.recv();
    expect(next.value.time_since_epoch() >= 30ms, "the tick at 20 ms was dropped, not delivered late");
    t.stop();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

// A timer armed after an earlier-due timer its arming had seen is gone logs that
// timer (dpor orders the removal before the firing: docs/exploration.md, "A timer
// comes after the earlier timers its arming saw"), and at most the 8 latest such:
// a task sleeping in a loop has seen every sleep before, and the log stays linear.
TEST(CausalTime, AnArmingLogsTheLatestGoneTimersItSaw) {
  constexpr int sleeps = 40;
  explore_options o;
  o.strategy = "dpor";  // the step log and the timer log are on
  o.max_executions = 1;
  std::uint64_t arms = 0, most = 0, logged = 0, first_logs = 0;
  explore(
      [] {
        for (int k = 0; k < sleeps; ++k) sleep(1ms);
      },
      o,
      [&](const execution_record& r) {
        for (const timer_step& t : r.timer_log) {
          if (t.kind != timer_step::kind_t::arm) continue;
          ++arms;
          most = std::max<std::uint64_t>(most, t.gone_count);
          logged += t.gone_count;
          if (t.id == 2 && t.gone_count == 1) first_logs = r.timer_preds[t.preds_begin + t.preds_count];
        }
        return false;
      });
  EXPECT_EQ(arms, static_cast<std::uint64_t>(sleeps));
  EXPECT_EQ(first_logs, 1u) << "the second sleep's arming saw the first, gone";
  EXPECT_EQ(most, 8u);
  EXPECT_LE(logged, 8u * sleeps);
}

}  // namespace chancheck::testing
