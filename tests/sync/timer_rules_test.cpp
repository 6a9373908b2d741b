// timer_rules_test.cpp: rules 10, 11 and 18 of the Go semantics for timers,
// tickers and after_func, in both time modes. Rule 10: stop() returns false once
// the timer fired, whether or not its value was received, and a fired, drained
// timer channel blocks forever. Rule 11: a ticker drops ticks while its channel
// is full, and stop() stops future ticks. Rule 18: a ticker loop with no way out
// does not terminate and is reported at the step bound, at the loop's line.
//
// A ticker re-arms itself on every tick; in time mode any the explorer's tick
// budget (a ticker ticks early, while a task is ready, at most tick_budget times,
// then only once every task waits) keeps such searches finite, so they are
// exhaustive in both modes.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

constexpr time_mode both_modes[] = {time_mode::any, time_mode::exact};

const char* mode_name(time_mode m) { return m == time_mode::any ? "time any" : "time exact"; }

TEST(TimerRules, Rule10_NewTimerSendsTheTimeOnceOnACapacityOneChannel) {
  for (auto mode : both_modes) {
    auto o = explore_body([] {
      time_point start = now();
      auto t = new_timer(10ms);
      expect(t.c.cap() == 1, "a timer channel has capacity 1");
      auto [v, ok] = t.c.recv();
      expect(ok && v == start + 10ms, "the value is the firing time");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << mode_name(mode);
  }
}

TEST(TimerRules, Rule10_StopReturnsTrueExactlyWhenItKeptTheTimerFromFiring) {
  for (auto mode : both_modes) {
    auto o = explore_body([] {
      auto t = new_timer(10ms);
      bool stopped = t.stop();
      expect(stopped == (t.c.len() == 0), "true: nothing was sent; false: the value waits in the channel");
      sleep(20ms);
      expect(stopped == (t.c.len() == 0), "a stopped timer never sends");
      expect(!t.stop(), "a second stop finds nothing to stop");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << mode_name(mode);
  }
}

TEST(TimerRules, Rule10_StopReturnsFalseOnceFiredWhetherOrNotTheValueWasReceived) {
  for (auto mode : both_modes) {
    auto o = explore_body([] {
      auto unreceived = new_timer(10ms);
      auto received = new_timer(10ms);
      sleep(20ms);
      (void)received.c.recv();
      expect(!unreceived.stop(), "fired, value still queued: false");
      expect(unreceived.c.len() == 1, "stop does not drain the channel");
      expect(!received.stop(), "fired, value received: false");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << mode_name(mode);
  }
}

TEST(TimerRules, Rule10_ReceivingAgainOnAFiredDrainedTimerBlocksForever) {
  for (auto mode : both_modes) {
    const unsigned line = __LINE__ + 6;
    auto o = explore_body([] {
      go("drainer", [] {
        auto t = new_timer(5ms);
        (void)t.c.recv();
        if (!t.stop()) {  // the stop-and-drain idiom, after the value was received
          (void)t.c.recv();
        }
      });
    }, dfs(mode));
    EXPECT_TRUE(fails_with(o, "leak", __FILE__, line)) << mode_name(mode);
    std::string text = explain(o);
    EXPECT_NE(text.find("timer#"), std::string::npos) << text;
    EXPECT_NE(text.find("came after it fired, so it returned false"), std::string::npos) << text;
  }
}

TEST(TimerRules, Rule10_ResetRearmsTheTimer) {
  for (auto mode : both_modes) {
    auto o = explore_body([] {
      time_point start = now();
      auto t = new_timer(10ms);
      (void)t.c.recv();
      expect(!t.reset(30ms), "reset of a fired timer returns false");
      auto [v, ok] = t.c.recv();
      expect(ok && v == start + 40ms, "it fired again 30ms after the reset");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << mode_name(mode);
  }
  auto o = explore_body([] {
    time_point start = now();
    auto t = new_timer(10ms);
    expect(t.reset(50ms), "reset of an armed timer returns true");  // exact: it cannot have fired yet
    auto [v, ok] = t.c.recv();
    expect(v == start + 50ms, "the first deadline was dropped");
  }, dfs(time_mode::exact));
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(TimerRules, Rule10_AfterFuncRunsItsFunctionInANewTaskUnlessStopped) {
  for (auto mode : both_modes) {
    auto o = explore_body([] {
      auto ran = make_chan<int>(2);
      auto t = after_func(10ms, [ran] { ran.send(1); });
      expect(t.c.is_nil(), "an after_func timer has no channel");
      auto s = after_func(10ms, [ran] { ran.send(2); });
      bool stopped = s.stop();
      (void)ran.recv();                 // t's function runs
      if (!stopped) (void)ran.recv();  // and s's, when stop came too late
      sleep(50ms);
      expect(ran.len() == 0, "a stopped after_func never runs its function");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << mode_name(mode);
  }
}

TEST(TimerRules, Rule10_StopOnAnUninitializedTimerPanics) {
  const unsigned line = __LINE__ + 3;
  auto o = explore_body([] {
    timer t;
    (void)t.stop();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  EXPECT_EQ(o.violations.at(0).message, "time: Stop called on uninitialized Timer");
}

TEST(TimerRules, Rule11_ATickerDropsTicksWhileItsChannelIsFull) {
  auto body = [] {
    time_point start = now();
    auto t = new_ticker(10ms);
    expect(t.c.cap() == 1, "a ticker channel has capacity 1");
    sleep(35ms);  // ticks at 10, 20 and 30ms: the first fills the channel, the others are dropped
    expect(t.c.len() == 1, "one tick waits");
    auto first = t.c.recv();
    expect(first.value == start + 10ms, "the tick kept is the oldest");
    auto second = t.c.recv();
    expect(second.value >= start + 40ms && (second.value - start) % 10ms == 0ns,
           "the next tick is a later period, not a dropped one");
    t.stop();
  };
  EXPECT_TRUE(passes_exhaustively(explore_body(body, dfs(time_mode::exact))));
  EXPECT_TRUE(passes_exhaustively(explore_body(body, dfs(time_mode::any))));
  auto exact = explore_body([] {
    time_point start = now();
    auto t = new_ticker(10ms);
    sleep(35ms);
    (void)t.c.recv();
    expect(t.c.recv().value == start + 40ms, "time exact: exactly the next period");
    t.stop();
  }, dfs(time_mode::exact));
  EXPECT_TRUE(passes_exhaustively(exact));
}

TEST(TimerRules, Rule11_StopStopsFutureTicks) {
  auto body = [] {
    auto t = new_ticker(10ms);
    (void)t.c.recv();
    t.stop();
    std::size_t queued = t.c.len();  // a tick may have come between the receive and stop
    sleep(100ms);
    expect(t.c.len() == queued, "no tick after stop");
  };
  EXPECT_TRUE(passes_exhaustively(explore_body(body, dfs(time_mode::exact))));
  EXPECT_TRUE(passes_exhaustively(explore_body(body, dfs(time_mode::any))));
}

TEST(TimerRules, Rule11_ResetChangesThePeriod) {
  auto o = explore_body([] {
    time_point start = now();
    auto t = new_ticker(10ms);
    t.reset(25ms);
    expect(t.c.recv().value == start + 25ms, "the next tick comes one new period after the reset");
    expect(t.c.recv().value == start + 50ms, "and so on");
    t.stop();
  }, dfs(time_mode::exact));
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(TimerRules, Rule18_ATickerLoopWithNoWayOutHitsTheStepBoundAtTheLoop) {
  for (auto mode : both_modes) {
    const unsigned line = __LINE__ + 8;
    explore_options opts = dfs(mode);
    opts.exec.max_steps = 300;
    auto o = explore_body([] {
      go("heartbeat", [] {
        auto t = new_ticker(10ms);
        auto quit = make_chan<empty>();  // nobody ever closes it
        for (bool done = false; !done;)
          select(recv(t.c), recv(quit, [&] { done = true; }));
      });
    }, opts);
    EXPECT_TRUE(fails_with(o, "step-limit", __FILE__, line)) << mode_name(mode);
    EXPECT_TRUE(message_has(o, "task heartbeat was still running"));
  }
}

TEST(TimerRules, Rule18_ATickerNobodyStopsKeepsFiringAfterEveryTaskEnded) {
  const unsigned line = __LINE__ + 4;
  explore_options opts = dfs(time_mode::exact);
  opts.exec.max_steps = 100;
  auto o = explore_body([] {
    auto t = new_ticker(10ms);
    (void)t.c.recv();
  }, opts);
  EXPECT_TRUE(fails_with(o, "step-limit", __FILE__, line));
  EXPECT_TRUE(message_has(o, "was never stopped"));
}

TEST(TimerRules, Rule18_ASpinWithoutBlockingHitsTheStepBound) {
  const unsigned line = __LINE__ + 6;
  explore_options opts = dfs();
  opts.exec.max_steps = 50;
  auto o = explore_body([] {
    mutex mu;
    for (;;) {
      mu.lock(), mu.unlock();
    }
  }, opts);
  EXPECT_TRUE(fails_with(o, "step-limit", __FILE__, line));
}

}  // namespace
}  // namespace chancheck::testing
