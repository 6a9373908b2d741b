// termination_sync_test.cpp: rule 17 of the Go semantics: a task blocked forever
// on a mutex, rwmutex, wait group, cond, once or timer channel is a leak, and the
// report names the primitive and the operation and, for locks, which task holds
// the lock and where it took it. A cycle of tasks waiting on each other's locks
// is a deadlock, reported first and spelled out, even when main has returned.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include <chancheck/properties/termination.hpp>
#include <chancheck/reports/json_report.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

struct two_locks {
  mutex a;
  mutex b;
};

TEST(SyncTermination, Rule17_ATaskBlockedOnAMutexIsALeakNamingTheHolderAndWhereItLocked) {
  const unsigned lock_line = __LINE__ + 4;
  const unsigned blocked_line = __LINE__ + 5;
  auto o = explore_body([] {
    auto l = std::make_shared<two_locks>();
    go("holder", [l] { l->a.lock(); });  // returns with the lock held
    go("waiter", [l] {
      l->a.lock();
    });
  });
  ASSERT_TRUE(fails_with(o, "leak", __FILE__, blocked_line));
  EXPECT_EQ(o.violations.size(), 1u);
  EXPECT_EQ(o.violations[0].kind, violation_kind::leak);
  EXPECT_TRUE(message_has(o, "blocked forever in lock of mutex#"));
  EXPECT_TRUE(message_has(o, "held by task holder (locked at " + std::string(__FILE__) + ":" +
                                 std::to_string(lock_line) + ")"));
  EXPECT_TRUE(message_has(o, "task holder returned without unlocking it"));
  std::string text = explain(o);
  EXPECT_NE(text.find("held by task holder"), std::string::npos) << text;
  EXPECT_NE(text.find("fix: unlock on every path"), std::string::npos) << text;
}

TEST(SyncTermination, Rule17_ALockCycleIsADeadlockEvenAfterMainReturned) {
  const unsigned line = __LINE__ + 5;
  auto o = explore_body([] {
    auto l = std::make_shared<two_locks>();
    go("ab", [l] {
      l->a.lock();
      l->b.lock();
      l->b.unlock();
      l->a.unlock();
    });
    go("ba", [l] {
      l->b.lock();
      l->a.lock();
      l->a.unlock();
      l->b.unlock();
    });
  });
  ASSERT_TRUE(fails_with(o, "deadlock", __FILE__, line));
  ASSERT_EQ(o.violations.size(), 2u) << describe(o);
  EXPECT_EQ(o.result.failing.tasks[0].state, task_state::finished);  // main returned
  for (const auto& v : o.violations) {
    EXPECT_EQ(v.kind, violation_kind::deadlock);
    EXPECT_NE(v.message.find("lock cycle: "), std::string::npos) << v.message;
    EXPECT_NE(v.message.find("task ab waits to lock mutex#"), std::string::npos) << v.message;
    EXPECT_NE(v.message.find("task ba waits to lock mutex#"), std::string::npos) << v.message;
  }
  std::string text = explain(o);
  EXPECT_NE(text.find("deadlock: tasks wait for each other's locks in a cycle"), std::string::npos) << text;
  EXPECT_NE(text.find("fix: take the locks in one global order"), std::string::npos) << text;
}

TEST(SyncTermination, Rule17_ALockCycleComesBeforeOtherBlockedTasks) {
  // Search for the execution where the cycle forms beside an ordinary leak.
  auto r = explore(
      [] {
        auto l = std::make_shared<two_locks>();
        go("stuck", [] { (void)make_chan<int>().recv(); });  // an ordinary leak, spawned first
        go("ab", [l] {
          l->a.lock();
          l->b.lock();
          l->b.unlock();
          l->a.unlock();
        });
        go("ba", [l] {
          l->b.lock();
          l->a.lock();
          l->a.unlock();
          l->b.unlock();
        });
      },
      dfs(), [](const execution_record& rec) { return find_violations(rec).size() == 3; });
  ASSERT_TRUE(r.found);
  auto vs = find_violations(r.failing);
  ASSERT_EQ(vs.size(), 3u);
  EXPECT_EQ(vs[0].kind, violation_kind::deadlock);
  EXPECT_EQ(vs[1].kind, violation_kind::deadlock);
  EXPECT_EQ(vs[2].kind, violation_kind::leak);
  EXPECT_EQ(r.failing.tasks.at(static_cast<std::size_t>(vs[2].task)).name, "stuck");
}

TEST(SyncTermination, Rule17_ATaskBlockedOnAChannelSaysWhichLocksItHolds) {
  auto o = explore_body([] {
    auto l = std::make_shared<two_locks>();
    go("sender", [l] {
      l->a.lock();
      make_chan<int>().send(1);
    });
  });
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  EXPECT_TRUE(message_has(o, "it holds mutex#"));
  EXPECT_NE(explain(o).find("it holds mutex#"), std::string::npos) << explain(o);
}

TEST(SyncTermination, Rule17_ReadersWaitingBehindAWriterNameTheWriter) {
  const unsigned line = __LINE__ + 11;
  auto o = explore_body([] {
    auto mu = std::make_shared<rwmutex>();
    auto locked = make_chan<empty>();
    go("writer", [mu, locked] {
      mu->lock();
      locked.close();
      (void)make_chan<int>().recv();  // holds the write lock forever
    });
    go("reader", [mu, locked] {
      (void)locked.recv();
      mu->rlock();
    });
  });
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  const violation* reader = nullptr;
  for (const auto& v : o.violations)
    if (o.result.failing.tasks.at(static_cast<std::size_t>(v.task)).name == "reader") reader = &v;
  ASSERT_NE(reader, nullptr) << describe(o);
  EXPECT_EQ(reader->loc.line, line);
  EXPECT_NE(reader->message.find("read lock of rwmutex#"), std::string::npos) << reader->message;
  EXPECT_NE(reader->message.find("by writer task writer"), std::string::npos) << reader->message;
}

TEST(SyncTermination, Rule17_OnceWaitersNameTheTaskRunningTheFunction) {
  auto o = explore_body([] {
    auto init = std::make_shared<once>();
    go("first", [init] { init->call([] { (void)make_chan<int>().recv(); }); });
    go("second", [init] { init->call([] {}); });
  });
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  bool named = false;
  for (const auto& v : o.violations)
    named |= v.message.find("whose function runs in task first") != std::string::npos;
  EXPECT_TRUE(named) << describe(o);
}

TEST(SyncTermination, Rule17_JsonCarriesTheHolderInTheMessage) {
  auto o = explore_body([] {
    auto l = std::make_shared<two_locks>();
    go("holder", [l] { l->a.lock(); });
    go("waiter", [l] { l->a.lock(); });
  });
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  std::string json = to_json({o});
  EXPECT_NE(json.find("held by task holder"), std::string::npos) << json;
}

}  // namespace
}  // namespace chancheck::testing
