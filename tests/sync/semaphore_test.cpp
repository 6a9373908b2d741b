// semaphore_test.cpp: the weighted semaphore (golang.org/x/sync/semaphore.Weighted):
// acquire(k) waits until k units are free, in FIFO order with no barging;
// try_acquire(k) succeeds only when k units are free and nobody waits; release(k)
// wakes the waiters that fit, in order, and panics when more is released than
// held; a request larger than the size blocks forever and holds nobody up; a task
// left in acquire is a leak reported with the semaphore and its holders.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <functional>
#include <set>

#include <chancheck/chancheck.hpp>
#include <chancheck/semaphore.hpp>
#include "each_search.hpp"
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

/// The index of task `task`'s first `op` event in r's trace, or r.events.size().
std::size_t first_op(const execution_record& r, std::int32_t task, op_kind op) {
  for (std::size_t i = 0; i < r.events.size(); ++i)
    if (r.events[i].kind == event_kind::op && r.events[i].task == task && r.events[i].op == op) return i;
  return r.events.size();
}

/// True when task `task` is among the tasks a leak report left blocked.
bool left_blocked(const scenario_outcome& o, std::int32_t task) {
  return std::any_of(o.violations.begin(), o.violations.end(), [&](const violation& v) { return v.task == task; });
}

TEST(SemaphoreRules, AcquireWaitsUntilItsUnitsAreReleased) {
  expect_passes_in_each_search([] {
    auto sem = std::make_shared<semaphore>(2);
    auto inside = std::make_shared<int>(0);
    sem->acquire(2);
    *inside = 2;
    auto done = make_chan<empty>();
    go("worker", [sem, inside, done] {
      sem->acquire(1);
      expect(*inside <= 1, "the worker's unit was free: main gave one back");
      sem->release(1);
      done.close();
    });
    *inside = 1;
    sem->release(1);
    (void)done.recv();
    sem->release(1);
  });
}

TEST(SemaphoreRules, ATaskLeftInAcquireIsALeakThatNamesTheHolders) {
  const unsigned taken = __LINE__ + 8, blocked = __LINE__ + 13;
  const std::string file = __FILE__;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body([] {
      auto sem = std::make_shared<semaphore>(1);
      auto held = make_chan<empty>();
      go("holder", [sem, held] {
        sem->acquire(1);
        held.close();  // returns holding the unit
      });
      go("waiter", [sem, held] {
        (void)held.recv();
        sem->acquire(1);
      });
    }, s.options);
    ASSERT_TRUE(fails_with(o, "leak", __FILE__, blocked));
    EXPECT_EQ(o.result.failing.tasks.at(2).op, op_kind::sem_acquire);
    EXPECT_TRUE(message_has(o, "task waiter is blocked forever in acquire of semaphore#"));
    EXPECT_TRUE(message_has(o, "held by task holder (acquired at " + file + ":" + std::to_string(taken) + ")"));
    EXPECT_TRUE(message_has(o, "task holder returned without releasing it"));
    const std::string text = explain(o);
    EXPECT_NE(text.find(" (size 1, made at "), std::string::npos) << text;
    EXPECT_NE(text.find("fix: release what acquire took on every path"), std::string::npos) << text;
    EXPECT_EQ(o.violations.at(0).fixes.at(0).kind, fix_kind::release_every_path);
  }
}

/// Main holds 1 of 2 units for good; a "large" task asks for 2 (it never fits), a
/// "small" one for 1, which it releases; `small_first` starts the small one first.
/// With FIFO and no barging, the small one waits forever exactly when the large
/// one asked first.
void queue_behind_a_large_request(bool small_first) {
  auto sem = std::make_shared<semaphore>(2);
  sem->acquire(1);
  auto large = [sem] { sem->acquire(2); };
  auto small = [sem] {
    sem->acquire(1);
    sem->release(1);
  };
  go(small_first ? "small" : "large", small_first ? std::function<void()>(small) : large);
  go(small_first ? "large" : "small", small_first ? std::function<void()>(large) : small);
}

TEST(SemaphoreRules, AWaiterThatDoesNotFitBlocksTheOnesBehindIt) {
  std::set<bool> seen;
  for (bool small_first : {false, true})
    for (const auto& s : each_search()) {
      SCOPED_TRACE(s.name + (small_first ? ", small first" : ", large first"));
      auto o = explore_body([small_first] { queue_behind_a_large_request(small_first); }, s.options);
      ASSERT_EQ(verdict_of(o), "leak") << describe(o);
      const std::int32_t large = small_first ? 2 : 1, small = 3 - large;
      const execution_record& r = o.result.failing;
      EXPECT_TRUE(left_blocked(o, large)) << describe(o);
      const bool large_asked_first = first_op(r, large, op_kind::sem_acquire) < first_op(r, small, op_kind::sem_acquire);
      EXPECT_EQ(left_blocked(o, small), large_asked_first) << describe(o);
      seen.insert(large_asked_first);
    }
  EXPECT_EQ(seen.size(), 2u) << "both orders of the two requests were explored";
}

TEST(SemaphoreRules, ReleaseWakesTheWaitersThatFitInOrder) {
  expect_passes_in_each_search([] {
    auto sem = std::make_shared<semaphore>(3);
    auto order = std::make_shared<std::vector<int>>();
    sem->acquire(3);
    auto wg = std::make_shared<wait_group>();
    wg->add(2);
    for (int id = 1; id <= 2; ++id)
      go([=] {
        sem->acquire(id);  // task 1 asks for 1 unit, task 2 for 2
        order->push_back(id);
        wg->done();
      });
    sem->release(3);  // room for both, whoever queued first
    wg->wait();
    expect(order->size() == 2, "both waiters were admitted");
    sem->release(3);
  });
}

TEST(SemaphoreRules, TryAcquireNeedsFreeUnits) {
  expect_passes_in_each_search([] {
    semaphore sem(2);
    expect(sem.try_acquire(2), "two free units are taken");
    expect(!sem.try_acquire(1), "none is left");
    sem.release(1);
    expect(!sem.try_acquire(2), "one is not two");
    expect(sem.try_acquire(1), "one is free again");
    sem.release(2);
  });
}

/// Main holds 1 of 2 units for good; a "large" task asks for 2 and waits forever;
/// a "try" task tries for the free unit, and waits forever on a nil channel when
/// it fails; `try_first` starts the try task first.
void try_behind_a_waiter(bool try_first) {
  auto sem = std::make_shared<semaphore>(2);
  sem->acquire(1);
  auto large = [sem] { sem->acquire(2); };
  auto tries = [sem, try_first] {
    if (!try_first) yield();  // lets the large request go first in the explorer's first interleaving
    if (!sem->try_acquire(1)) (void)chan<int>().recv();
  };
  go(try_first ? "try" : "large", try_first ? std::function<void()>(tries) : large);
  go(try_first ? "large" : "try", try_first ? std::function<void()>(large) : tries);
}

TEST(SemaphoreRules, TryAcquireFailsWhileATaskWaitsEvenWithUnitsFree) {
  for (bool try_first : {false, true})
    for (const auto& s : each_search()) {
      SCOPED_TRACE(s.name + (try_first ? ", try first" : ", large first"));
      auto o = explore_body([try_first] { try_behind_a_waiter(try_first); }, s.options);
      ASSERT_EQ(verdict_of(o), "leak") << describe(o);
      const std::int32_t large = try_first ? 2 : 1, tries = 3 - large;
      const execution_record& r = o.result.failing;
      const bool waiter_first = first_op(r, large, op_kind::sem_acquire) < first_op(r, tries, op_kind::sem_try_acquire);
      EXPECT_EQ(left_blocked(o, tries), waiter_first) << describe(o);
    }
}

TEST(SemaphoreRules, ReleasingMoreThanHeldPanics) {
  const unsigned line = __LINE__ + 6;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body([] {
      semaphore sem(2);
      sem.acquire(1);
      sem.release(2);
    }, s.options);
    EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
    EXPECT_EQ(o.violations.at(0).message, "semaphore: released more than held");
  }
}

TEST(SemaphoreRules, ARequestLargerThanTheSizeBlocksForeverAndHoldsNobodyUp) {
  const unsigned line = __LINE__ + 5;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body([] {
      auto sem = std::make_shared<semaphore>(1);
      go("too large", [sem] { sem->acquire(2); });
      go("small", [sem] {
        sem->acquire(1);
        sem->release(1);
      });
    }, s.options);
    ASSERT_TRUE(fails_with(o, "leak", __FILE__, line));
    EXPECT_EQ(o.violations.size(), 1u) << describe(o);  // "small" always finishes
  }
}

TEST(SemaphoreRules, OperationsAreTracedWithTheirObject) {
  auto o = explore_body([] {
    semaphore sem(1);
    sem.acquire(1);
    (void)sem.try_acquire(1);
    sem.release(1);
    sem.acquire(1);
    sem.acquire(1);  // blocks forever: main deadlocks, so the trace is kept
  });
  ASSERT_EQ(verdict_of(o), "deadlock") << describe(o);
  const std::string trace = format_trace(o.result.failing);
  for (const char* op : {"acquire of semaphore#1", "try_acquire of semaphore#1", "release of semaphore#1"})
    EXPECT_NE(trace.find(op), std::string::npos) << op << "\n" << trace;
  EXPECT_STREQ(to_string(object_kind::semaphore), "semaphore");
  EXPECT_STREQ(to_string(op_kind::sem_acquire), "semaphore.acquire");
  EXPECT_TRUE(info(op_kind::sem_acquire).blocks);
  EXPECT_FALSE(info(op_kind::sem_try_acquire).blocks);
}

TEST(SemaphoreRealThreads, NeverAdmitsMoreThanItsSize) {
  struct state {
    semaphore sem{3};
    std::atomic<int> inside{0};
    std::atomic<int> most{0};
    wait_group wg;
  };
  auto s = std::make_shared<state>();
  constexpr int tasks = 4, rounds = 500;
  s->wg.add(tasks);
  for (int t = 0; t < tasks; ++t)
    go([s, t] {
      const std::int64_t k = t % 2 + 1;  // weights 1 and 2
      for (int i = 0; i < rounds; ++i) {
        s->sem.acquire(k);
        const int now = s->inside += static_cast<int>(k);
        int most = s->most.load();
        while (now > most && !s->most.compare_exchange_weak(most, now)) {
        }
        s->inside -= static_cast<int>(k);
        s->sem.release(k);
      }
      s->wg.done();
    });
  s->wg.wait();
  EXPECT_LE(s->most.load(), 3);
  EXPECT_GE(s->most.load(), 1);
  EXPECT_TRUE(s->sem.try_acquire(3)) << "every unit was given back";
}

TEST(SemaphoreRealThreads, AWaiterWakesWhenAnotherThreadReleases) {
  auto sem = std::make_shared<semaphore>(1);
  sem->acquire(1);
  auto got = make_chan<empty>(1);
  go([sem, got] {
    sem->acquire(1);
    got.send(empty{});
  });
  EXPECT_FALSE(sem->try_acquire(1));
  sem->release(1);
  (void)got.recv();
  EXPECT_FALSE(sem->try_acquire(1)) << "the waiter holds the unit now";
  sem->release(1);
  EXPECT_THROW(sem->release(1), panic_error);
}

}  // namespace
}  // namespace chancheck::testing
