// chan_close_test.cpp: rule 3 of the Go semantics: after close, receivers drain
// the queued values and then get (zero value, ok=false) at once, forever; a send
// on a closed channel panics, closing a closed or nil channel panics, and a sender
// blocked on a channel that gets closed panics.
#include <gtest/gtest.h>

#include <string>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule03_CloseDrainsQueuedValuesThenGivesZeroAndNotOkForever) {
  auto o = explore_body([] {
    auto ch = make_chan<std::string>(3);
    ch.send("a");
    ch.send("b");
    ch.close();
    auto r1 = ch.recv();
    expect(r1.ok && r1.value == "a", "first queued value after close");
    auto r2 = ch.recv();
    expect(r2.ok && r2.value == "b", "second queued value after close");
    for (int i = 0; i < 5; ++i) {
      auto r = ch.recv();
      expect(!r.ok && r.value.empty(), "a drained closed channel gives (zero value, ok=false)");
    }
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule03_CloseWakesEveryBlockedReceiverWithZeroAndNotOk) {
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    auto results = make_chan<bool>(2);
    for (int i = 0; i < 2; ++i)
      go("receiver", [ch, results] {
        auto r = ch.recv();
        expect(r.value == 0, "a receive woken by close gets the zero value");
        results.send(r.ok);
      });
    ch.close();
    expect(!results.recv().value, "the first receiver saw ok=false");
    expect(!results.recv().value, "the second receiver saw ok=false");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule03_ClosedChannelIsReadyForReceiveInSelect) {
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    ch.close();
    bool took = false, ok = true;
    select(recv(ch,
                [&](int v, bool k) {
                  took = true;
                  ok = k;
                  expect(v == 0, "zero value");
                }),
           default_case([] { expect(false, "a closed channel is ready: default must not run"); }));
    expect(took && !ok, "the receive case ran with ok=false");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule03_SendOnClosedChannelPanics) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>(1);
    ch.close();
    line = __LINE__ + 1;
    ch.send(1);  // panics even though the buffer has room
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].message, "send on closed channel");
}

TEST(GoSemantics, Rule03_CloseOfClosedChannelPanics) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    ch.close();
    line = __LINE__ + 1;
    ch.close();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].message, "close of closed channel");
}

TEST(GoSemantics, Rule03_CloseOfNilChannelPanics) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    chan<int> nil;
    line = __LINE__ + 1;
    nil.close();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].message, "close of nil channel");
}

/// True when task 1 blocked in a send before any close happened in `r`.
bool sender_blocked_before_close(const execution_record& r) {
  for (const auto& e : r.events) {
    if (e.kind == event_kind::op && e.op == op_kind::close) return false;
    if (e.kind == event_kind::block && e.task == 1 && e.op == op_kind::send) return true;
  }
  return false;
}

TEST(GoSemantics, Rule03_SenderBlockedWhenTheChannelIsClosedPanics) {
  // Time `exact`: main's sleep ends only once every task is blocked, so the
  // sender is parked in its send when main closes the channel.
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body(
      [] {
        auto ch = make_chan<int>();
        go("sender", [ch] {
          line = __LINE__ + 1;
          ch.send(1);  // blocked: nobody receives; then the channel is closed under it
        });
        sleep(1ms);
        ch.close();
      },
      dfs(time_mode::exact));
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].message, "send on closed channel");
  EXPECT_EQ(o.violations[0].task, 1);
  EXPECT_TRUE(sender_blocked_before_close(o.result.failing)) << describe(o);
}

TEST(GoSemantics, Rule03_SelectBlockedOnASendCaseWhenTheChannelIsClosedPanics) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body(
      [] {
        auto ch = make_chan<int>();
        auto never = make_chan<int>();
        go("sender", [ch, never] {
          line = __LINE__ + 1;
          select(send(ch, 1), recv(never));
        });
        sleep(1ms);
        ch.close();
      },
      dfs(time_mode::exact));
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].message, "send on closed channel");
}

TEST(GoSemantics, Rule03_EveryOrderOfSendAndCloseEitherDeliversOrPanics) {
  // Without forcing an order, the search must find the execution where the close
  // comes first (or lands on the blocked sender) and report the panic at the send.
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>(1);
    go("sender", [ch] {
      line = __LINE__ + 1;
      ch.send(1);
    });
    ch.close();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
}

}  // namespace
}  // namespace chancheck::testing
