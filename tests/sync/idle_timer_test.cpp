// idle_timer_test.cpp: quiescence ignores timers that cannot wake anyone. With
// every task blocked, a timer whose firing only sends into a channel no blocked
// task waits on (a ticker or timer nobody will stop, whose owner is blocked
// elsewhere) does not keep the execution alive: the blocked tasks are the leak or
// deadlock they are, and the report names the timer. A timer whose channel a
// blocked task's recv or select waits on still wakes it. Each case under dfs and
// dpor, in time modes any and exact.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "each_search.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

/// The text report names `object` as a timer left armed that can wake no one.
::testing::AssertionResult names_idle_timer(const scenario_outcome& o, const std::string& object) {
  const auto& idle = o.result.failing.idle_timers;
  bool found = false;
  for (std::uint32_t id : idle) found = found || object_name(o.result.failing, id).rfind(object + "#", 0) == 0;
  if (!found) return ::testing::AssertionFailure() << "no idle " << object << " recorded" << describe(o);
  if (explain(o).find("still armed: " + object + "#") == std::string::npos)
    return ::testing::AssertionFailure() << "the report does not name the " << object << describe(o);
  return ::testing::AssertionSuccess();
}

TEST(IdleTimers, MainBlockedOnAReceiveWithALiveTickerIsADeadlock) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    const unsigned line = __LINE__ + 4;
    auto o = explore_body([] {
      auto t = new_ticker(10ms);
      auto reply = make_chan<int>();
      (void)reply.recv();
      t.stop();
    }, s.options);
    EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
    EXPECT_TRUE(names_idle_timer(o, "ticker"));
    EXPECT_EQ(explain(o).find("keeps ticking after every task ended"), std::string::npos);
  }
}

TEST(IdleTimers, TheSameWithoutTheTickerIsTheSameDeadlockWithNoTimerNamed) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    const unsigned line = __LINE__ + 3;
    auto o = explore_body([] {
      auto reply = make_chan<int>();
      (void)reply.recv();
    }, s.options);
    EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
    EXPECT_TRUE(o.result.failing.idle_timers.empty());
    EXPECT_EQ(explain(o).find("still armed"), std::string::npos);
  }
}

TEST(IdleTimers, ATaskOwningALiveTickerBlockedOnALockIsALeak) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    const unsigned line = __LINE__ + 6;
    auto o = explore_body([] {
      auto mu = std::make_shared<mutex>();
      mu->lock();  // never unlocked
      go("owner", [mu] {
        auto t = new_ticker(10ms);
        mu->lock();
        t.stop();
      });
    }, s.options);
    EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
    EXPECT_TRUE(names_idle_timer(o, "ticker"));
    EXPECT_NE(explain(o).find("no timer left could wake one"), std::string::npos);
  }
}

TEST(IdleTimers, ATimerNobodyReceivesFromDoesNotHideADeadlock) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    const unsigned line = __LINE__ + 4;
    auto o = explore_body([] {
      auto t = new_timer(1h);
      auto reply = make_chan<int>();
      (void)reply.recv();
      t.stop();
    }, s.options);
    EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
    EXPECT_TRUE(names_idle_timer(o, "timer"));
  }
}

// Exactness: a ticker whose channel a blocked task waits on wakes it. Main takes
// two ticks while the worker waits for the lock main holds, then lets it go.
TEST(IdleTimers, ATickerABlockedTaskReceivesFromKeepsTheExecutionAlive) {
  expect_passes_in_each_search([] {
    auto mu = std::make_shared<mutex>();
    mu->lock();
    auto finished = make_chan<empty>();
    go("worker", [mu, finished] {
      mu->lock();
      mu->unlock();
      finished.close();
    });
    auto t = new_ticker(10ms);
    (void)t.c.recv();
    (void)t.c.recv();
    t.stop();
    mu->unlock();
    (void)finished.recv();
  });
}

// The same through a select, and through an after() in a select: both wake main.
TEST(IdleTimers, ATimerABlockedSelectWaitsOnKeepsTheExecutionAlive) {
  expect_passes_in_each_search([] {
    auto mu = std::make_shared<mutex>();
    mu->lock();
    auto never = make_chan<int>();
    go("worker", [mu] { mu->lock(), mu->unlock(); });
    auto t = new_ticker(10ms);
    select(recv(t.c), recv(never));
    t.stop();
    select(recv(after(5ms)), recv(never));
    mu->unlock();
  });
}

// A ticker left after every task ended still runs into the step bound (rule 18):
// with no task blocked there is nothing to report but the ticker.
TEST(IdleTimers, ATickerLeftAfterEveryTaskEndedStillHitsTheStepBound) {
  explore_options opts = dfs(time_mode::exact);
  opts.exec.max_steps = 100;
  auto o = explore_body([] { (void)new_ticker(10ms); }, opts);
  EXPECT_EQ(verdict_of(o), "step-limit") << describe(o);
  EXPECT_TRUE(message_has(o, "was never stopped"));
}

}  // namespace
}  // namespace chancheck::testing
