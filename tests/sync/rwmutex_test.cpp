// rwmutex_test.cpp: rule 13 of the Go semantics: readers share an RWMutex, a
// writer excludes everyone, and the lock prefers writers: once a writer waits in
// lock(), new rlock() calls block even while other readers hold the lock.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

struct shared_pair {
  rwmutex mu;
  int a = 0;
  int b = 0;
};

TEST(SyncRules, Rule13_ReadersShareTheLock) {
  // Main holds a read lock while a reader takes one too: no interleaving blocks.
  auto o = explore_body([] {
    auto p = std::make_shared<shared_pair>();
    p->mu.rlock();
    auto took = make_chan<empty>();
    go("reader", [p, took] {
      p->mu.rlock();
      took.close();
      p->mu.runlock();
    });
    (void)took.recv();  // the reader got its read lock while main holds one
    p->mu.runlock();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule13_AWriterExcludesReaders) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body([] {
      auto p = std::make_shared<shared_pair>();
      go("writer", [p] {
        p->mu.lock();
        p->a = 1;
        yield();
        p->b = 1;
        p->mu.unlock();
      });
      p->mu.rlock();
      expect(p->a == p->b, "a reader never sees the writer's half-done update");
      p->mu.runlock();
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o));
  }
}

TEST(SyncRules, Rule13_AWaitingWriterBlocksNewReadersWhileAReaderHoldsTheLock) {
  // Main read-locks twice with a writer in between: with a writer-preferring lock
  // the second rlock waits for the writer, which waits for main's first read lock.
  const unsigned line = __LINE__ + 9;
  auto o = explore_body([] {
    auto p = std::make_shared<shared_pair>();
    p->mu.rlock();
    go("writer", [p] {
      p->mu.lock();
      p->mu.unlock();
    });
    yield();
    p->mu.rlock();
    p->mu.runlock();
    p->mu.runlock();
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
  EXPECT_EQ(o.result.failing.tasks.at(0).op, op_kind::rlock);
  EXPECT_TRUE(message_has(o, "lock cycle"));
  EXPECT_TRUE(message_has(o, "writer task writer"));
}

TEST(SyncRules, Rule13_WithoutAWaitingWriterASecondReadLockIsFine) {
  auto o = explore_body([] {
    auto p = std::make_shared<shared_pair>();
    p->mu.rlock();
    p->mu.rlock();
    p->mu.runlock();
    p->mu.runlock();
    go("writer", [p] {
      p->mu.lock();
      p->mu.unlock();
    });
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule13_ReadersQueuedBehindAWriterGetInWhenItUnlocks) {
  auto o = explore_body([] {
    auto p = std::make_shared<shared_pair>();
    auto wg = std::make_shared<wait_group>();
    p->mu.lock();
    wg->add(2);
    for (int i = 0; i < 2; ++i)
      go("reader", [p, wg] {
        p->mu.rlock();
        expect(p->a == 1, "readers run after the writer");
        p->mu.runlock();
        wg->done();
      });
    yield();
    p->a = 1;
    p->mu.unlock();
    wg->wait();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule13_UnlockingAnUnlockedRWMutexIsFatal) {
  const unsigned line = __LINE__ + 3;
  auto o = explore_body([] {
    rwmutex mu;
    mu.unlock();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  EXPECT_EQ(o.violations.at(0).message, "sync: Unlock of unlocked RWMutex");

  const unsigned rline = __LINE__ + 4;
  auto r = explore_body([] {
    rwmutex mu;
    mu.lock();
    mu.runlock();  // a write lock is not a read lock
  });
  EXPECT_TRUE(fails_with(r, "panic", __FILE__, rline));
  EXPECT_EQ(r.violations.at(0).message, "sync: RUnlock of unlocked RWMutex");
}

}  // namespace
}  // namespace chancheck::testing
