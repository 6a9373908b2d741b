// sync_real_threads_test.cpp: the sync primitives and timers on real threads,
// where the same code runs in production: mutual exclusion under contention,
// readers and writers, wait groups, conds, once, and timers that really fire.
// Assertions are about outcomes, never about how long anything took.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include <chancheck/chancheck.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck {
namespace {

TEST(SyncRealThreads, MutexKeepsACounterExact) {
  struct state {
    mutex mu;
    long n = 0;
    wait_group wg;
  };
  auto s = std::make_shared<state>();
  constexpr int tasks = 4, rounds = 2000;
  s->wg.add(tasks);
  for (int t = 0; t < tasks; ++t)
    go([s] {
      for (int i = 0; i < rounds; ++i) {
        s->mu.lock();
        ++s->n;
        s->mu.unlock();
      }
      s->wg.done();
    });
  s->wg.wait();
  s->mu.lock();
  EXPECT_EQ(s->n, static_cast<long>(tasks) * rounds);
  s->mu.unlock();
}

TEST(SyncRealThreads, RWMutexWritersSeeNoReadersAndReadersSeeWholeWrites) {
  struct state {
    rwmutex mu;
    int a = 0;
    int b = 0;
    std::atomic<int> torn{0};
    wait_group wg;
  };
  auto s = std::make_shared<state>();
  s->wg.add(4);
  for (int w = 0; w < 2; ++w)
    go([s] {
      for (int i = 0; i < 500; ++i) {
        s->mu.lock();
        ++s->a;
        ++s->b;
        s->mu.unlock();
      }
      s->wg.done();
    });
  for (int r = 0; r < 2; ++r)
    go([s] {
      for (int i = 0; i < 500; ++i) {
        s->mu.rlock();
        if (s->a != s->b) ++s->torn;
        s->mu.runlock();
      }
      s->wg.done();
    });
  s->wg.wait();
  EXPECT_EQ(s->torn.load(), 0);
  EXPECT_EQ(s->a, 1000);
}

TEST(SyncRealThreads, CondHandsOffInALoop) {
  struct state {
    mutex mu;
    cond c{mu};
    int turn = 0;
    wait_group wg;
  };
  auto s = std::make_shared<state>();
  s->wg.add(2);
  for (int me = 0; me < 2; ++me)
    go([s, me] {
      for (int i = 0; i < 200; ++i) {
        s->mu.lock();
        while (s->turn % 2 != me) s->c.wait();
        ++s->turn;
        s->c.broadcast();
        s->mu.unlock();
      }
      s->wg.done();
    });
  s->wg.wait();
  EXPECT_EQ(s->turn, 400);
}

TEST(SyncRealThreads, OnceRunsOnceUnderContention) {
  struct state {
    once o;
    std::atomic<int> runs{0};
    wait_group wg;
  };
  auto s = std::make_shared<state>();
  s->wg.add(8);
  for (int t = 0; t < 8; ++t)
    go([s] {
      s->o.call([s] { ++s->runs; });
      s->wg.done();
    });
  s->wg.wait();
  EXPECT_EQ(s->runs.load(), 1);
}

TEST(SyncRealThreads, TimersTickersAndAfterFuncFire) {
  auto t = new_timer(1ms);
  EXPECT_TRUE(t.c.recv().ok);
  EXPECT_FALSE(t.stop());  // fired and received

  auto stopped = new_timer(std::chrono::hours(1));
  EXPECT_TRUE(stopped.stop());

  auto tk = new_ticker(1ms);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(tk.c.recv().ok);
  tk.stop();

  auto ran = make_chan<int>(1);
  auto f = after_func(1ms, [ran] { ran.send(7); });
  EXPECT_EQ(ran.recv().value, 7);
  EXPECT_FALSE(f.stop());
}

}  // namespace
}  // namespace chancheck
