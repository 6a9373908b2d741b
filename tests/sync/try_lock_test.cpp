// try_lock_test.cpp: mutex::try_lock (Go 1.18's TryLock): it takes a free mutex
// and returns true, returns false when the mutex is held (by another task or by
// the caller) and never blocks; it is an explored scheduling point traced as
// "try_lock"; and a true result is a hold that lock holders' reports name.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include <chancheck/chancheck.hpp>
#include "each_search.hpp"
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

TEST(TryLockRules, TakesAFreeMutexAndReturnsTrue) {
  expect_passes_in_each_search([] {
    mutex mu;
    expect(mu.try_lock(), "a free mutex is taken");
    expect(!mu.try_lock(), "the caller holds it now");
    mu.unlock();
    expect(mu.try_lock(), "free again after unlock");
    mu.unlock();
  });
}

TEST(TryLockRules, ReturnsFalseWithoutBlockingWhileAnotherTaskHoldsIt) {
  expect_passes_in_each_search([] {
    auto mu = std::make_shared<mutex>();
    mu->lock();  // held by main for good: the task must not wait for it
    auto done = make_chan<bool>(1);
    go("tries", [mu, done] { done.send(mu->try_lock()); });
    auto [got, ok] = done.recv();
    expect(ok && !got, "try_lock of a held mutex returns false");
  });
}

/// Two tasks try_lock a free mutex; `winner` is set by the one that got it.
void race(bool first_must_win) {
  auto mu = std::make_shared<mutex>();
  auto wins = std::make_shared<int>(0);
  auto winner = std::make_shared<int>(0);
  auto wg = std::make_shared<wait_group>();
  wg->add(2);
  for (int id = 1; id <= 2; ++id)
    go([=] {
      if (mu->try_lock()) {
        ++*wins;
        *winner = id;
      }
      wg->done();
    });
  wg->wait();
  expect(*wins == 1, "exactly one try_lock succeeds");
  if (first_must_win) expect(*winner == 1, "task 1 took the mutex");
}

TEST(TryLockRules, ExactlyOneOfTwoRacingTryLocksSucceeds) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_TRUE(passes_exhaustively(explore_body([] { race(false); }, s.options)));
  }
}

TEST(TryLockRules, IsAnExploredSchedulingPoint) {
  for (const auto& s : each_search()) {  // either task may win: the explorer finds the order where task 2 does
    SCOPED_TRACE(s.name);
    auto o = explore_body([] { race(true); }, s.options);
    EXPECT_EQ(verdict_of(o), "assertion") << describe(o);
    EXPECT_TRUE(message_has(o, "task 1 took the mutex"));
  }
}

TEST(TryLockRules, IsTracedAsItsOwnOperationWithItsLine) {
  const unsigned line = __LINE__ + 4;
  auto o = explore_body([] {
    auto mu = std::make_shared<mutex>();
    mu->lock();
    (void)mu->try_lock();
    mu->lock();  // blocks forever: main deadlocks, so the trace is kept
  });
  ASSERT_EQ(verdict_of(o), "deadlock") << describe(o);
  int tries = 0;
  for (const auto& e : o.result.failing.events)
    if (e.kind == event_kind::op && e.op == op_kind::try_lock) {
      ++tries;
      EXPECT_EQ(e.loc.line, line);
    }
  EXPECT_EQ(tries, 1);
  EXPECT_STREQ(to_string(op_kind::try_lock), "try_lock");
  EXPECT_FALSE(info(op_kind::try_lock).blocks);
  const std::string trace = format_trace(o.result.failing);
  EXPECT_NE(trace.find("try_lock of mutex#1"), std::string::npos) << trace;
}

TEST(TryLockRules, ATrueResultIsAHoldThatReportsName) {
  const unsigned taken = __LINE__ + 7, blocked = __LINE__ + 10;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body([] {
      auto mu = std::make_shared<mutex>();
      auto held = make_chan<empty>();
      go("taker", [mu, held] {
        if (mu->try_lock()) held.close();  // returns holding it
      });
      (void)held.recv();
      go("locker", [mu] { mu->lock(); });
    }, s.options);
    EXPECT_TRUE(fails_with(o, "leak", __FILE__, blocked));
    EXPECT_TRUE(message_has(o, "held by task taker (locked at " + std::string(__FILE__) + ":" +
                                   std::to_string(taken) + ")"));
    EXPECT_TRUE(message_has(o, "task taker returned without unlocking it"));
  }
}

TEST(TryLockRules, AFalseResultIsNoHoldAndUnlockingAfterItIsFatal) {
  const unsigned line = __LINE__ + 7;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body([] {
      mutex mu;
      mu.lock();
      if (!mu.try_lock()) mu.unlock();  // releases main's own lock
      mu.unlock();                      // nothing left to unlock
    }, s.options);
    EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
    EXPECT_EQ(o.violations.at(0).message, "sync: unlock of unlocked mutex");
  }
}

TEST(TryLockRealThreads, KeepsACounterExactUnderContention) {
  struct state {
    mutex mu;
    long n = 0;
    std::atomic<long> failed{0};
    wait_group wg;
  };
  auto s = std::make_shared<state>();
  constexpr int tasks = 4, rounds = 2000;
  s->wg.add(tasks);
  for (int t = 0; t < tasks; ++t)
    go([s] {
      for (int i = 0; i < rounds;) {
        if (!s->mu.try_lock()) {
          ++s->failed;
          std::this_thread::yield();
          continue;
        }
        ++s->n;
        ++i;
        s->mu.unlock();
      }
      s->wg.done();
    });
  s->wg.wait();
  EXPECT_EQ(s->n, static_cast<long>(tasks) * rounds);
}

TEST(TryLockRealThreads, FailsWhileAnotherThreadHoldsIt) {
  auto mu = std::make_shared<mutex>();
  auto locked = make_chan<empty>();
  auto release = make_chan<empty>();
  auto done = make_chan<empty>();
  go([mu, locked, release, done] {
    mu->lock();
    locked.close();
    (void)release.recv();
    mu->unlock();
    done.close();
  });
  (void)locked.recv();
  EXPECT_FALSE(mu->try_lock());
  release.close();
  (void)done.recv();
  EXPECT_TRUE(mu->try_lock());
  mu->unlock();
}

}  // namespace
}  // namespace chancheck::testing
