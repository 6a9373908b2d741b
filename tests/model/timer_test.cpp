// timer_test.cpp: rules 9 and 10 of the Go semantics for what the kit has today:
// after(d) delivers the time once on a channel of capacity 1 (so the timer never
// blocks, whether or not anyone receives), and receiving again on a fired, drained
// timer channel blocks forever.
//
// The timer.stop() half of rule 10 (stop() returns false once the timer has
// fired, whether or not its value was received) belongs to the timer type and is
// tested with it, in tests/sync/timer_rules_test.cpp.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule09_AfterDeliversTheTimeOnceOnACapacityOneChannel) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body(
        [] {
          time_point start = now();
          auto c = after(30ms);
          expect(c.cap() == 1, "after() returns a channel of capacity 1");
          expect(c.len() == 0, "nothing is delivered before the timer fires");
          auto [t, ok] = c.recv();
          expect(ok, "the time was sent, the channel was not closed");
          expect(t == start + 30ms, "the value is the time the timer fired");
          expect(now() == start + 30ms, "the receive returned when the timer fired");
        },
        dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << (mode == time_mode::any ? "time any" : "time exact");
  }
}

TEST(GoSemantics, Rule09_AfterFiresIntoTheBufferWithoutAReceiver) {
  auto o = explore_body([] {
    time_point start = now();
    auto c = after(10ms);
    sleep(20ms);  // nobody receives while the timer fires: the value waits in the buffer
    expect(c.len() == 1, "the fired value is queued in the capacity-1 buffer");
    auto [t, ok] = c.recv();
    expect(ok && t == start + 10ms, "the queued value is the firing time");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule09_AnUnreceivedAfterDoesNotLeak) {
  // The timer's send never blocks, so a timer nobody reads leaves nothing behind.
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body(
        [] {
          (void)after(10ms);
          (void)after(20ms);
        },
        dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << (mode == time_mode::any ? "time any" : "time exact");
  }
}

TEST(GoSemantics, Rule09_AfterInASelectTimesOutAnUnansweredReceive) {
  auto o = explore_body([] {
    time_point start = now();
    auto never = make_chan<int>();
    bool timed_out = false;
    select(recv(never), recv(after(50ms), [&] { timed_out = true; }));
    expect(timed_out && now() == start + 50ms, "the after() case fired at 50ms");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule10_ReceivingAgainOnAFiredDrainedTimerChannelBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    go("waiter", [] {
      auto c = after(5ms);
      auto first = c.recv();
      expect(first.ok, "the first receive gets the time");
      line = __LINE__ + 1;
      (void)c.recv();  // the timer fired once and was drained: blocks forever
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  EXPECT_EQ(o.result.failing.tasks[1].op, op_kind::recv);
}

}  // namespace
}  // namespace chancheck::testing
