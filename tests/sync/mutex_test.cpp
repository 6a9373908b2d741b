// mutex_test.cpp: rule 12 of the Go semantics: a mutex excludes; it is not
// reentrant (locking it twice in one task blocks forever); another task may
// unlock it; unlocking an unlocked mutex is a fatal error.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

struct counter {
  mutex mu;
  int n = 0;
};

/// Two tasks add 1 with a read, a scheduling point and a write.
void add_twice(bool locked) {
  auto c = std::make_shared<counter>();
  auto wg = std::make_shared<wait_group>();
  wg->add(2);
  for (int i = 0; i < 2; ++i)
    go([c, wg, locked] {
      if (locked) c->mu.lock();
      int v = c->n;
      yield();
      c->n = v + 1;
      if (locked) c->mu.unlock();
      wg->done();
    });
  wg->wait();
  expect(c->n == 2, "no update is lost");
}

TEST(SyncRules, Rule12_MutexExcludesInEveryInterleaving) {
  for (auto mode : {time_mode::any, time_mode::exact})
    EXPECT_TRUE(passes_exhaustively(explore_body([] { add_twice(true); }, dfs(mode))));
}

TEST(SyncRules, Rule12_WithoutTheMutexTheLostUpdateIsFound) {
  auto o = explore_body([] { add_twice(false); });
  EXPECT_EQ(verdict_of(o), "assertion") << describe(o);
}

TEST(SyncRules, Rule12_LockingTwiceInOneTaskBlocksForever) {
  const unsigned line = __LINE__ + 5;
  auto o = explore_body([] {
    auto mu = std::make_shared<mutex>();
    go("twice", [mu] {
      mu->lock();
      mu->lock();
      mu->unlock();
    });
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));  // a cycle of one task: a deadlock even though main returned
  EXPECT_EQ(o.result.failing.tasks.at(1).op, op_kind::lock);
  EXPECT_TRUE(message_has(o, "held by task twice itself"));
  EXPECT_NE(explain(o).find("not reentrant"), std::string::npos) << explain(o);
}

TEST(SyncRules, Rule12_AnotherTaskMayUnlock) {
  auto o = explore_body([] {
    auto mu = std::make_shared<mutex>();
    mu->lock();
    auto done = make_chan<empty>();
    go("unlocker", [mu, done] {
      mu->unlock();  // unlocks what main locked
      done.close();
    });
    (void)done.recv();
    mu->lock();  // free again
    mu->unlock();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule12_UnlockWakesAWaiterWhichThenHoldsTheLock) {
  auto o = explore_body([] {
    auto c = std::make_shared<counter>();
    c->mu.lock();
    go("waiter", [c] {
      c->mu.lock();
      c->n = 1;
      yield();
      c->n = 2;
      c->mu.unlock();
    });
    yield();
    c->mu.unlock();
    c->mu.lock();
    int seen = c->n;
    c->mu.unlock();
    expect(seen == 0 || seen == 2, "main never sees the waiter's half-done update");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule12_UnlockOfAnUnlockedMutexIsFatal) {
  const unsigned line = __LINE__ + 5;
  auto o = explore_body([] {
    mutex mu;
    mu.lock();
    mu.unlock();
    mu.unlock();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  EXPECT_EQ(o.violations.at(0).message, "sync: unlock of unlocked mutex");
}

TEST(SyncRules, Rule12_LocksAndUnlocksAreTracedWithTheirLines) {
  const unsigned line = __LINE__ + 3;
  auto o = explore_body([] {
    mutex mu;
    mu.lock();
    mu.lock();  // blocks forever: main deadlocks, so the trace is kept
  });
  ASSERT_EQ(verdict_of(o), "deadlock") << describe(o);
  int locks = 0;
  for (const auto& e : o.result.failing.events)
    if (e.kind == event_kind::op && e.op == op_kind::lock) {
      ++locks;
      EXPECT_TRUE(e.loc.line == line || e.loc.line == line + 1) << e.loc.line;
    }
  EXPECT_EQ(locks, 2);
  std::string trace = format_trace(o.result.failing);
  EXPECT_NE(trace.find("lock of mutex#1"), std::string::npos) << trace;
}

}  // namespace
}  // namespace chancheck::testing
