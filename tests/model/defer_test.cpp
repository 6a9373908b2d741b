// defer_test.cpp: CHANCHECK_DEFER runs its call when the scope ends, last deferred
// first, also when a panic unwinds the scope; the call sees the variables as they
// are then; a deferred cancel() is traced at the line of the defer.
#include <gtest/gtest.h>

#include <string>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(Defer, RunsAtScopeEndLastDeferredFirst) {
  std::string order;
  {
    CHANCHECK_DEFER(order += "a");
    CHANCHECK_DEFER({
      order += "b";
      order += "c";
    });
    order += "-";
    EXPECT_EQ(order, "-");  // nothing ran yet
  }
  EXPECT_EQ(order, "-bca");
}

TEST(Defer, SeesVariablesAsTheyAreWhenTheScopeEnds) {
  int seen = 0;
  {
    int x = 1;
    CHANCHECK_DEFER(seen = x);
    x = 2;
  }
  EXPECT_EQ(seen, 2);
}

TEST(Defer, RunsWhenAPanicUnwindsTheScope) {
  bool unlocked = false;
  mutex mu;
  try {
    mu.lock();
    CHANCHECK_DEFER({
      mu.unlock();
      unlocked = true;
    });
    panic("boom");
  } catch (const panic_error& e) {
    EXPECT_EQ(e.message(), "boom");
  }
  EXPECT_TRUE(unlocked);
  EXPECT_TRUE(mu.try_lock());  // the deferred unlock freed it
  mu.unlock();
}

TEST(Defer, DeferredCancelIsTracedAtTheDeferLine) {
  static unsigned line = 0;
  auto o = explore_body([] {
    auto [ctx, cancel] = with_cancel(background());
    line = __LINE__ + 1;
    CHANCHECK_DEFER(cancel());
    go("watcher", [ctx] { (void)ctx.done().recv(); });
    expect(false, "show the trace");
  });
  ASSERT_EQ(verdict_of(o), "assertion") << describe(o);
  // The assertion unwinds main, and the deferred cancel runs at the defer's line.
  auto trace = format_trace(o.result.failing);
  EXPECT_NE(trace.find("defer_test.cpp:" + std::to_string(line)), std::string::npos) << trace;
}

}  // namespace
}  // namespace chancheck::testing
