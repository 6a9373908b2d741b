// chan_unbuffered_test.cpp: rule 1 of the Go semantics: on an unbuffered channel
// a send and a receive meet, and a send (or receive) with no partner ever blocks
// forever.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule01_UnbufferedSendAndReceiveMeet) {
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    auto sent = std::make_shared<bool>(false);
    go("sender", [ch, sent] {
      ch.send(7);
      *sent = true;
    });
    yield();
    expect(!*sent, "an unbuffered send completed before anyone received");
    auto [value, ok] = ch.recv();
    expect(ok && value == 7, "the receiver got the sent value");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_GT(o.result.executions, 1u);
}

TEST(GoSemantics, Rule01_UnbufferedSendCompletesOnlyAfterTheReceiverArrived) {
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    auto arrived = std::make_shared<bool>(false);
    go("receiver", [ch, arrived] {
      *arrived = true;
      auto r = ch.recv();
      expect(r.ok && r.value == 3, "the receiver got the sent value");
    });
    ch.send(3);
    expect(*arrived, "a send on an unbuffered channel returned before the receiver reached its receive");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule01_UnbufferedSendWithoutReceiverBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("sender", [ch] {
      line = __LINE__ + 1;
      ch.send(1);  // nobody receives
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].task, 1);
  EXPECT_EQ(o.result.failing.tasks[1].op, op_kind::send);
}

TEST(GoSemantics, Rule01_UnbufferedSendWithoutReceiverInMainIsADeadlock) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    line = __LINE__ + 1;
    ch.send(1);  // main waits for a receiver that never comes
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
}

TEST(GoSemantics, Rule01_UnbufferedReceiveWithoutSenderBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("receiver", [ch] {
      line = __LINE__ + 1;
      (void)ch.recv();  // nobody sends
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
}

}  // namespace
}  // namespace chancheck::testing
