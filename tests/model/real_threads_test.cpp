// real_threads_test.cpp: the same kit on real threads, with no explorer: go()
// starts an OS thread, parking uses semaphores and time is the steady clock.
// Each test waits, through channels, for every task it started.
#include <gtest/gtest.h>

#include <chrono>

#include <chancheck/chancheck.hpp>
#include <chancheck/model/controller.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using steady = std::chrono::steady_clock;

TEST(RealThreads, UnbufferedPingPong) {
  ASSERT_EQ(current_controller(), nullptr);
  auto ping = make_chan<int>();
  auto pong = make_chan<int>();
  go("ponger", [ping, pong] {
    for (auto r = ping.recv(); r.ok; r = ping.recv()) pong.send(r.value + 1);
    pong.close();
  });
  for (int i = 0; i < 1000; ++i) {
    ping.send(i);
    auto [v, ok] = pong.recv();
    ASSERT_TRUE(ok);
    ASSERT_EQ(v, i + 1);
  }
  ping.close();
  EXPECT_FALSE(pong.recv().ok);  // the ponger saw the close and finished
}

TEST(RealThreads, BufferedChannelIsFifo) {
  auto ch = make_chan<int>(4);
  EXPECT_EQ(ch.cap(), 4u);
  go("sender", [ch] {
    for (int i = 0; i < 10000; ++i) ch.send(i);
    ch.close();
  });
  int expected = 0;
  for (auto r = ch.recv(); r.ok; r = ch.recv()) {
    ASSERT_EQ(r.value, expected);
    ++expected;
  }
  EXPECT_EQ(expected, 10000);
}

TEST(RealThreads, TwoSendersLoseAndDuplicateNothing) {
  auto ch = make_chan<int>(2);
  auto done = make_chan<empty>(2);
  for (int s = 0; s < 2; ++s)
    go("sender", [ch, done, s] {
      for (int i = 0; i < 2000; ++i) ch.send(s * 10000 + i);
      done.send(empty{});
    });
  int next[2] = {0, 0};
  for (int n = 0; n < 4000; ++n) {
    auto [v, ok] = ch.recv();
    ASSERT_TRUE(ok);
    int s = v / 10000;
    ASSERT_EQ(v % 10000, next[s]) << "sender " << s << "'s values out of order, lost or duplicated";
    ++next[s];
  }
  (void)done.recv();
  (void)done.recv();
  EXPECT_EQ(ch.len(), 0u);
}

TEST(RealThreads, CloseWakesABlockedReceiver) {
  auto ch = make_chan<int>();
  auto result = make_chan<bool>(1);
  go("receiver", [ch, result] {
    auto r = ch.recv();
    result.send(r.ok || r.value != 0);
  });
  sleep(20ms);  // let the receiver block
  ch.close();
  auto [saw_value, ok] = result.recv();
  ASSERT_TRUE(ok);
  EXPECT_FALSE(saw_value);  // it woke with (zero, ok=false)
}

TEST(RealThreads, SelectPicksAReadyCase) {
  auto a = make_chan<int>(1);
  auto b = make_chan<int>(1);
  auto never = make_chan<int>();
  int taken[2] = {0, 0};
  for (int i = 0; i < 200; ++i) {
    if (a.len() == 0) a.send(1);
    if (b.len() == 0) b.send(2);
    int k = select(recv(a, [](int v) { EXPECT_EQ(v, 1); }), recv(b, [](int v) { EXPECT_EQ(v, 2); }), recv(never));
    ASSERT_TRUE(k == 0 || k == 1);
    ++taken[k];
  }
  // Go picks uniformly among ready cases: after 200 selects both have run.
  EXPECT_GT(taken[0], 0);
  EXPECT_GT(taken[1], 0);
}

TEST(RealThreads, SelectWaitsForACaseToBecomeReady) {
  auto ch = make_chan<int>();
  auto never = make_chan<int>();
  go("late sender", [ch] {
    sleep(10ms);
    ch.send(42);
  });
  int got = 0;
  int k = select(recv(never), recv(ch, [&](int v) { got = v; }));
  EXPECT_EQ(k, 1);
  EXPECT_EQ(got, 42);
}

TEST(RealThreads, SelectTakesDefaultWhenNothingIsReady) {
  auto ch = make_chan<int>();
  bool dflt = false;
  EXPECT_EQ(select(recv(ch), default_case([&] { dflt = true; })), 1);
  EXPECT_TRUE(dflt);
}

TEST(RealThreads, WithTimeoutExpires) {
  auto start = steady::now();
  auto [ctx, cancel] = with_timeout(background(), 20ms);
  CHANCHECK_DEFER(cancel());
  auto r = ctx.done().recv();
  EXPECT_FALSE(r.ok);
  EXPECT_GE(steady::now() - start, 20ms);
  EXPECT_EQ(ctx.err(), context_error::deadline_exceeded);
}

TEST(RealThreads, CancelClosesDoneForAWaitingTask) {
  auto [ctx, cancel] = with_cancel(background());
  auto result = make_chan<bool>(1);
  go("waiter", [ctx, result] { result.send(ctx.done().recv().ok); });
  sleep(5ms);
  cancel();
  cancel();
  EXPECT_FALSE(result.recv().value);
  EXPECT_EQ(ctx.err(), context_error::canceled);
}

TEST(RealThreads, AfterDeliversOnCapacityOneChannel) {
  auto start = steady::now();
  auto c = after(20ms);
  EXPECT_EQ(c.cap(), 1u);
  auto [t, ok] = c.recv();
  EXPECT_TRUE(ok);
  EXPECT_GE(steady::now() - start, 20ms);
  EXPECT_GE(t.time_since_epoch(), std::chrono::duration_cast<duration>(start.time_since_epoch()) + 20ms);
}

}  // namespace
}  // namespace chancheck::testing
