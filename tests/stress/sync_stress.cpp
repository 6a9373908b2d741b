// sync_stress.cpp: Go's sync primitives and timers under real parallelism:
// mutex, rwmutex, wait_group, cond and once guarding plain data (ThreadSanitizer
// flags any access they fail to order), and timers stopped and reset while they
// fire.
#include "tests/stress/stress.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::stress {
namespace {

TEST(SyncStress, MutexGuardsACounter) {
  for_rounds(100, [](int) {
    mutex m;
    long counter = 0;  // plain data: TSan checks the mutex orders every access
    wait_group wg;
    wg.add(4);
    for (int t = 0; t < 4; ++t)
      go("incrementer", [&] {
        for (int i = 0; i < 500; ++i) {
          m.lock();
          ++counter;
          m.unlock();
        }
        wg.done();
      });
    wg.wait();
    m.lock();
    EXPECT_EQ(counter, 2000);
    m.unlock();
  });
  expect_no_leaks();
}

TEST(SyncStress, RwmutexReadersAndWriters) {
  for_rounds(100, [](int) {
    rwmutex rw;
    int value = 0;  // writers keep it even
    wait_group wg;
    wg.add(6);
    for (int t = 0; t < 2; ++t)
      go("writer", [&] {
        for (int i = 0; i < 200; ++i) {
          rw.lock();
          ++value;
          ++value;
          rw.unlock();
        }
        wg.done();
      });
    for (int t = 0; t < 4; ++t)
      go("reader", [&] {
        for (int i = 0; i < 200; ++i) {
          rw.rlock();
          EXPECT_EQ(value % 2, 0);
          rw.runlock();
        }
        wg.done();
      });
    wg.wait();
    EXPECT_EQ(value, 800);
  });
  expect_no_leaks();
}

TEST(SyncStress, CondHandsOffWork) {
  for_rounds(100, [](int) {
    mutex m;
    cond c(m);
    int queued = 0;
    int taken = 0;
    bool closing = false;
    wait_group wg;
    wg.add(3);
    for (int t = 0; t < 3; ++t)
      go("consumer", [&] {
        m.lock();
        for (;;) {
          while (queued == 0 && !closing) c.wait();
          if (queued == 0) break;
          --queued;
          ++taken;
        }
        m.unlock();
        wg.done();
      });
    for (int i = 0; i < 300; ++i) {
      m.lock();
      ++queued;
      c.signal();
      m.unlock();
    }
    m.lock();
    closing = true;
    c.broadcast();
    m.unlock();
    wg.wait();
    EXPECT_EQ(taken, 300);
  });
  expect_no_leaks();
}

TEST(SyncStress, OnceRunsOnceAndEveryCallerSeesIt) {
  for_rounds(200, [](int) {
    once o;
    int runs = 0;
    int value = 0;
    wait_group wg;
    wg.add(4);
    for (int t = 0; t < 4; ++t)
      go("caller", [&] {
        o.call([&] {
          ++runs;
          value = 42;
        });
        EXPECT_EQ(value, 42);  // ordered after the one call
        wg.done();
      });
    wg.wait();
    EXPECT_EQ(runs, 1);
  });
  expect_no_leaks();
}

TEST(SyncStress, TimersStoppedAndResetWhileTheyFire) {
  for_rounds(100, [](int i) {
    timer t = new_timer(std::chrono::microseconds(50 * (i % 4)));
    bool stopped = t.stop();
    if (!stopped) {  // it fired: its value is (or will be) in the channel
      auto [v, ok] = t.c.recv();
      EXPECT_TRUE(ok);
    }
    t.reset(std::chrono::microseconds(20));
    EXPECT_TRUE(t.c.recv().ok);
    auto fired = make_chan<empty>(1);
    timer f = after_func(std::chrono::microseconds(30 * (i % 3)), [fired] { fired.send(empty{}); });
    if (!f.stop()) fired.recv();  // it ran (or runs now): wait for it
    auto c = after(std::chrono::microseconds(10));
    EXPECT_TRUE(c.recv().ok);
  });
  expect_no_leaks();
}

TEST(SyncStress, TickerAndTimeoutRaceTheWork) {
  for_rounds(20, [](int) {
    ticker tk = new_ticker(std::chrono::microseconds(200));
    auto [ctx, cancel] = with_timeout(background(), std::chrono::milliseconds(3));
    int ticks = 0;
    bool done = false;
    while (!done) select(recv(tk.c, [&] { ++ticks; }), recv(ctx.done(), [&] { done = true; }));
    tk.stop();
    cancel();
    EXPECT_GE(ticks, 0);  // how many depends on the machine's load; the race is the point
    EXPECT_EQ(ctx.err(), context_error::deadline_exceeded);
  });
  expect_no_leaks();
}

TEST(SyncStress, SpawnStormIsTrackedAndEnds) {
  for_rounds(20, [](int) {
    wait_group wg;
    wg.add(64);
    for (int t = 0; t < 64; ++t) go("storm", [&wg] { go("inner", [&wg] { wg.done(); }); });
    wg.wait();
  });
  EXPECT_TRUE(check_test_leaks().ok());
}

}  // namespace
}  // namespace chancheck::stress
