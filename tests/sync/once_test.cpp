// once_test.cpp: rule 16 of the Go semantics: once.call(f) runs f once, and a
// task that calls while f runs waits for it to finish.
#include <gtest/gtest.h>

#include <memory>

#include <chancheck/chancheck.hpp>
#include "sync_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace sync_checks;

struct lazy {
  once init;
  int runs = 0;
  int value = 0;
  void load() {
    ++runs;
    value = 1;
    yield();  // other callers may arrive while it runs
    value = 2;
  }
  int get() {
    init.call([this] { load(); });
    return value;
  }
};

TEST(SyncRules, Rule16_TheFunctionRunsOnceAndCallersWaitForIt) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body([] {
      auto l = std::make_shared<lazy>();
      auto wg = std::make_shared<wait_group>();
      wg->add(2);
      for (int i = 0; i < 2; ++i)
        go("caller", [l, wg] {
          expect(l->get() == 2, "a caller returns only once the function finished");
          wg->done();
        });
      expect(l->get() == 2, "main too");
      wg->wait();
      expect(l->runs == 1, "the function ran once");
    }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o));
  }
}

TEST(SyncRules, Rule16_AFunctionThatPanicsStillCountsAsDone) {
  auto o = explore_body([] {
    once o;
    int runs = 0;
    try {
      o.call([&] {
        ++runs;
        panic("load failed");
      });
    } catch (const panic_error&) {  // recover()
    }
    o.call([&] { ++runs; });
    expect(runs == 1, "the second call did not run its function");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(SyncRules, Rule16_CallingTheSameOnceFromItsFunctionBlocksForever) {
  const unsigned line = __LINE__ + 4;
  auto o = explore_body([] {
    auto o1 = std::make_shared<once>();
    go("loader", [o1] {
      o1->call([o1] { o1->call([] {}); });
    });
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
  EXPECT_EQ(o.result.failing.tasks.at(1).op, op_kind::once);
  EXPECT_TRUE(message_has(o, "whose function runs in task loader itself"));
}

}  // namespace
}  // namespace chancheck::testing
