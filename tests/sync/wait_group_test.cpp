// wait_group_test.cpp: rule 14 of the Go semantics: wait() blocks until the
// counter is zero (at once when it is), and a negative counter panics.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

struct work {
  wait_group wg;
  int done = 0;
};

TEST(SyncRules, Rule14_WaitReturnsOnlyOnceTheCounterIsZero) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body([] {
      auto w = std::make_shared<work>();
      w->wg.add(2);
      for (int i = 0; i < 2; ++i)
        go("worker", [w] {
          ++w->done;
          w->wg.done();
        });
      w->wg.wait();
      expect(w->done == 2, "wait returned after both workers");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o));
  }
}

TEST(SyncRules, Rule14_EveryWaiterIsReleased) {
  auto o = explore_body([] {
    auto w = std::make_shared<work>();
    w->wg.add(1);
    for (int i = 0; i < 2; ++i) go("waiter", [w] { w->wg.wait(); });
    w->wg.done();
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule14_WaitAtZeroReturnsAtOnce) {
  auto o = explore_body([] {
    wait_group wg;
    wg.wait();
    wg.add(3);
    wg.add(-3);
    wg.wait();
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_EQ(o.result.executions, 1u);
}

TEST(SyncRules, Rule14_ANegativeCounterPanics) {
  const unsigned line = __LINE__ + 5;
  auto o = explore_body([] {
    wait_group wg;
    wg.add(1);
    wg.done();
    wg.done();
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  EXPECT_EQ(o.violations.at(0).message, "sync: negative WaitGroup counter");

  const unsigned add_line = __LINE__ + 3;
  auto a = explore_body([] {
    wait_group wg;
    wg.add(-1);
  });
  EXPECT_TRUE(fails_with(a, "panic", __FILE__, add_line));
}

TEST(SyncRules, Rule14_AMissingDoneLeaksTheWaiterAndTheReportCountsTheCalls) {
  const unsigned line = __LINE__ + 6;
  auto o = explore_body([] {
    auto w = std::make_shared<work>();
    w->wg.add(2);
    go("worker", [w] { w->wg.done(); });
    go("closer", [w] {
      w->wg.wait();
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  EXPECT_TRUE(message_has(o, "wait on wait_group#"));
  EXPECT_TRUE(message_has(o, "add called 1 time"));
  EXPECT_TRUE(message_has(o, "done called 1 time"));
}

}  // namespace
}  // namespace chancheck::testing
