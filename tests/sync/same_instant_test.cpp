// same_instant_test.cpp: time mode exact wakes every task due at one instant
// together, as Go's synctest does: once every task is blocked the clock moves to
// the earliest deadline, every timer due then fires before any task runs, and the
// tasks they woke then run in any order. Time mode any is unchanged.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "each_search.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

explore_options exact(const char* strategy) {
  explore_options o = dfs(time_mode::exact);
  o.strategy = strategy;
  return o;
}

// The case: a and b wake at the same instant and interleave, so b's select
// can take the token a handed itself.
TEST(SameInstant, TheTasksWokenAtOneInstantInterleave) {
  const scenario_info* s = find_scenario("timers/same_instant");
  ASSERT_NE(s, nullptr);
  for (const char* strategy : {"dfs", "dpor"}) {
    SCOPED_TRACE(strategy);
    auto o = check_scenario(*s, exact(strategy));
    EXPECT_EQ(verdict_of(o), "leak") << describe(o);
    EXPECT_TRUE(message_has(o, "recv"));
    explore_options any = dfs(time_mode::any);
    any.strategy = strategy;
    auto a = check_scenario(*s, any);  // time any found it already, and still does
    EXPECT_EQ(verdict_of(a), "leak") << describe(a);
  }
}

// Every timer due at the instant fires before a task it woke runs: the timer main
// made fires together with a's sleep, so a can no longer stop it.
TEST(SameInstant, EveryTimerDueAtTheInstantFiresBeforeAnyWokenTaskRuns) {
  for (const char* strategy : {"dfs", "dpor"}) {
    SCOPED_TRACE(strategy);
    auto o = explore_body([] {
      auto t = std::make_shared<timer>(new_timer(1ms));
      auto finished = make_chan<empty>();
      go("a", [t, finished] {
        sleep(1ms);
        expect(!t->stop(), "the timer due at the same instant has fired");
        finished.close();
      });
      (void)finished.recv();
    }, exact(strategy));
    EXPECT_TRUE(passes_exhaustively(o));
  }
}

// A plain-memory race between the two woken tasks is found (dfs explores every
// interleaving of task steps).
TEST(SameInstant, TwoTasksWokenAtOneInstantRunSideBySide) {
  const unsigned line = __LINE__ + 7;
  auto o = explore_body([] {
    auto x = std::make_shared<int>(0);
    go("a", [x] {
      sleep(1ms);
      *x = 1;
      yield();
      expect(*x == 1, "nobody wrote x in between");
    });
    go("b", [x] {
      sleep(1ms);
      *x = 2;
    });
  }, exact("dfs"));
  EXPECT_TRUE(fails_with(o, "assertion", __FILE__, line));
}

// Timers due at different instants still fire one instant at a time: b, due later,
// never runs before a, woken earlier, has blocked again.
TEST(SameInstant, LaterInstantsWaitUntilEveryTaskBlocksAgain) {
  for (const char* strategy : {"dfs", "dpor"}) {
    SCOPED_TRACE(strategy);
    auto o = explore_body([] {
      auto x = std::make_shared<int>(0);
      auto finished = make_chan<empty>(2);
      go("a", [x, finished] {
        sleep(1ms);
        *x = 1;
        yield();
        expect(*x == 1, "b did not run in between");
        finished.send(empty{});
      });
      go("b", [x, finished] {
        sleep(2ms);
        *x = 2;
        finished.send(empty{});
      });
      (void)finished.recv();
      (void)finished.recv();
    }, exact(strategy));
    EXPECT_TRUE(passes_exhaustively(o));
  }
}

}  // namespace
}  // namespace chancheck::testing
