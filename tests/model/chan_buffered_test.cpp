// chan_buffered_test.cpp: rules 2 and 5 of the Go semantics: a buffered channel
// of capacity n blocks a send only while n values are queued, delivers values in
// FIFO order with none lost or duplicated, and len/cap report the queue length and
// the capacity.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule02_BufferedChannelIsFifoWithNoLossOrDuplicationForTwoSenders) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(2);
    go("sender a", [ch] {
      ch.send(10);
      ch.send(11);
    });
    go("sender b", [ch] {
      ch.send(20);
      ch.send(21);
    });
    std::vector<int> got;
    for (int i = 0; i < 4; ++i) {
      auto [value, ok] = ch.recv();
      expect(ok, "a receive on an open channel with a pending sender succeeds");
      got.push_back(value);
    }
    // Each sender's values arrive in the order it sent them.
    auto pos = [&](int v) { return std::find(got.begin(), got.end(), v) - got.begin(); };
    expect(pos(10) < pos(11), "sender a's values arrived out of order");
    expect(pos(20) < pos(21), "sender b's values arrived out of order");
    // Every value exactly once.
    std::vector<int> sorted = got;
    std::sort(sorted.begin(), sorted.end());
    expect(sorted == std::vector<int>{10, 11, 20, 21}, "a value was lost or duplicated");
    expect(ch.len() == 0, "the buffer is empty at the end");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_GT(o.result.executions, 10u);  // the senders really interleave
}

TEST(GoSemantics, Rule02_BufferedChannelIsFifoForOneSenderThroughAFullBuffer) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(2);
    go("sender", [ch] {
      for (int i = 1; i <= 5; ++i) ch.send(i);
      ch.close();
    });
    int expected = 1;
    for (auto r = ch.recv(); r.ok; r = ch.recv()) {
      expect(r.value == expected, "values arrive in the order they were sent");
      ++expected;
    }
    expect(expected == 6, "every value arrived");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule02_BufferedSendDoesNotBlockWhileThereIsRoom) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(3);
    ch.send(1);
    ch.send(2);
    ch.send(3);  // no receiver at all: three sends fit
    expect(ch.len() == 3, "three values are queued");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_EQ(o.result.executions, 1u);
}

TEST(GoSemantics, Rule02_BufferedSendBlocksWhenFull) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>(2);
    ch.send(1);
    ch.send(2);
    line = __LINE__ + 1;
    ch.send(3);  // the buffer is full and nobody receives
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
}

TEST(GoSemantics, Rule02_BufferedSendBlocksOnlyUntilAReceiveMakesRoom) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(2);
    ch.send(1);
    ch.send(2);
    auto third_sent = std::make_shared<bool>(false);
    go("sender", [ch, third_sent] {
      ch.send(3);
      *third_sent = true;
    });
    yield();
    expect(!*third_sent, "a send on a full channel completed before anyone received");
    expect(ch.len() == 2, "the full buffer holds two values");
    expect(ch.recv().value == 1, "first in, first out");
    expect(ch.recv().value == 2, "first in, first out");
    expect(ch.recv().value == 3, "the blocked sender's value comes last");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule05_LenAndCapReportQueueLengthAndCapacity) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(3);
    expect(ch.cap() == 3 && ch.len() == 0, "a new channel is empty");
    ch.send(1);
    expect(ch.len() == 1, "one queued");
    ch.send(2);
    expect(ch.len() == 2 && ch.cap() == 3, "two queued, capacity unchanged");
    (void)ch.recv();
    expect(ch.len() == 1, "one left after a receive");
    ch.close();
    expect(ch.len() == 1 && ch.cap() == 3, "close keeps the queued value and the capacity");
    (void)ch.recv();
    expect(ch.len() == 0, "drained");

    auto unbuffered = make_chan<int>();
    expect(unbuffered.cap() == 0 && unbuffered.len() == 0, "an unbuffered channel has capacity 0");
    chan<int> nil;
    expect(nil.cap() == 0 && nil.len() == 0 && nil.is_nil(), "a nil channel has length and capacity 0");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule05_LenCountsOnlyQueuedValuesNotBlockedSenders) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(1);
    ch.send(1);
    go("sender", [ch] { ch.send(2); });  // blocks: the buffer is full
    yield();
    expect(ch.len() == 1, "a blocked sender's value is not in the queue");
    expect(ch.recv().value == 1, "the queued value comes first");
    expect(ch.recv().value == 2, "then the blocked sender's value");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

}  // namespace
}  // namespace chancheck::testing
