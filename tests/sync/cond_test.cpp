// cond_test.cpp: rule 15 of the Go semantics: cond.wait() atomically unlocks the
// mutex and sleeps, and locks it again before returning; signal and broadcast
// with no waiter are lost.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

struct gate {
  mutex mu;
  cond c{mu};
  bool ready = false;
  int x = 0;
};

TEST(SyncRules, Rule15_WaitInALoopNeverMissesTheSignal) {
  // Unlock-and-sleep is atomic: no interleaving lets the signal fall between them.
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body([] {
      auto g = std::make_shared<gate>();
      go("waiter", [g] {
        g->mu.lock();
        while (!g->ready) g->c.wait();
        g->mu.unlock();
      });
      g->mu.lock();
      g->ready = true;
      g->c.signal();
      g->mu.unlock();
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o));
  }
}

TEST(SyncRules, Rule15_WaitReturnsHoldingTheMutexAgain) {
  // The signaller keeps the mutex across a scheduling point after signalling; the
  // woken waiter must not run its critical section before the signaller unlocks.
  auto o = explore_body([] {
    auto g = std::make_shared<gate>();
    go("waiter", [g] {
      g->mu.lock();
      while (!g->ready) g->c.wait();
      expect(g->x == 1, "the waiter relocked only after the signaller unlocked");
      g->mu.unlock();
    });
    g->mu.lock();
    g->ready = true;
    g->c.signal();
    yield();
    g->x = 1;
    g->mu.unlock();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule15_ASignalWithNoWaiterIsLost) {
  const unsigned line = __LINE__ + 6;
  auto o = explore_body([] {
    gate g;
    g.mu.lock();
    g.c.signal();     // nobody waits: lost
    g.c.broadcast();  // lost too
    g.c.wait();
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
  EXPECT_EQ(o.result.failing.tasks.at(0).op, op_kind::cond_wait);
  EXPECT_TRUE(message_has(o, "wait on cond#"));
  EXPECT_TRUE(message_has(o, "2 signals before it"));
}

TEST(SyncRules, Rule15_SignalWakesOnlyOneWaiter) {
  // Both waiters may be asleep when the single signal comes: one stays asleep.
  const unsigned line = __LINE__ + 6;
  auto o = explore_body([] {
    auto g = std::make_shared<gate>();
    for (int i = 0; i < 2; ++i)
      go("waiter", [g] {
        g->mu.lock();
        while (!g->ready) g->c.wait();
        g->mu.unlock();
      });
    g->mu.lock();
    g->ready = true;
    g->c.signal();
    g->mu.unlock();
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  EXPECT_TRUE(message_has(o, "nothing signals cond#"));
}

TEST(SyncRules, Rule15_BroadcastReleasesEveryWaiterThatWaits) {
  auto o = explore_body([] {
    auto g = std::make_shared<gate>();
    for (int i = 0; i < 2; ++i)
      go("waiter", [g] {
        g->mu.lock();
        while (!g->ready) g->c.wait();
        g->mu.unlock();
      });
    g->mu.lock();
    g->ready = true;
    g->c.broadcast();
    g->mu.unlock();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule15_WaitWithoutTheMutexIsFatal) {
  const unsigned line = __LINE__ + 3;
  auto o = explore_body([] {
    gate g;
    g.c.wait();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  EXPECT_EQ(o.violations.at(0).message, "sync: unlock of unlocked mutex");
}

}  // namespace
}  // namespace chancheck::testing
