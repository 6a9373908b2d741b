// midrun_leak_test.cpp: the mid-run leak check (harness/engine/midrun_leak_check.hpp).
// A task blocked on channels no task that can still run can reach is reported at
// the step that made it certain, and the execution stops there; every reference
// that might be used keeps a task alive: a handle on a runnable task's stack or in
// its closure, a `[&]` capture, a handle in a heap object or in another channel's
// buffer. Modes `observe` and `off`, the report's wording, replay and determinism.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include <chancheck/chancheck.hpp>
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

std::string describe(const scenario_outcome& o) { return "\n" + summary_line(o, false) + "\n" + explain(o); }

/// The worker sends on a channel whose other handle main drops; main goes on.
void dropped_receiver() {
  {
    auto c = make_chan<int>();
    go("worker", [c] { c.send(1); });
  }  // main's handle goes away here
  for (int i = 0; i < 3; ++i) yield();
}

TEST(MidrunLeak, NamesATaskWhoseChannelNoRunnableTaskCanReach) {
  auto o = explore_body(dropped_receiver);
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  const execution_record& r = o.result.failing;
  EXPECT_EQ(r.stop, stop_reason::leaked) << describe(o);
  ASSERT_EQ(o.violations.size(), 1u) << describe(o);
  EXPECT_NE(o.violations[0].message.find("caught mid-run at step"), std::string::npos) << o.violations[0].message;
  ASSERT_FALSE(r.leaks_found.empty());
  EXPECT_EQ(r.leaks_found[0].tasks, std::vector<std::int32_t>{1});
  EXPECT_NE(explain(o).find("caught mid-run"), std::string::npos) << describe(o);
}

TEST(MidrunLeak, SaysWhereTheLastOtherHandleWentAway) {
  auto o = explore_body(dropped_receiver);
  ASSERT_FALSE(o.violations.empty()) << describe(o);
  const std::string& m = o.violations[0].message;
  EXPECT_NE(m.find("the last other handle of chan#1 went away at step"), std::string::npos) << m;
  EXPECT_NE(m.find("in task main"), std::string::npos) << m;
}

/// dropped_receiver explored with the mid-run check in mode `m`.
scenario_outcome with_mode(midrun_check m) {
  explore_options opts = dfs();
  opts.exec.midrun = m;
  return explore_body(dropped_receiver, opts);
}

TEST(MidrunLeak, ModeOffFindsTheLeakAtQuiescenceOnly) {
  auto o = with_mode(midrun_check::off);
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  EXPECT_EQ(o.result.failing.stop, stop_reason::quiescent);
  EXPECT_EQ(o.violations[0].message.find("mid-run"), std::string::npos);
}

TEST(MidrunLeak, ModeObserveRecordsAndRunsOn) {
  auto o = with_mode(midrun_check::observe);
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  EXPECT_EQ(o.result.failing.stop, stop_reason::quiescent);
  ASSERT_EQ(o.result.failing.leaks_found.size(), 1u);
  EXPECT_EQ(o.result.failing.tasks[0].state, task_state::finished);
}

TEST(MidrunLeak, TwoTasksWaitingOnEachOtherAreLeakedTogether) {
  auto o = explore_body([] {
    {
      auto a = make_chan<int>();
      auto b = make_chan<int>();
      go("left", [a, b] {
        (void)a.recv();
        b.send(1);
      });
      go("right", [a, b] {
        (void)b.recv();
        a.send(1);
      });
    }
    for (int i = 0; i < 4; ++i) yield();
  });
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  ASSERT_EQ(o.result.failing.stop, stop_reason::leaked) << describe(o);
  EXPECT_EQ(o.result.failing.leaks_found[0].tasks, (std::vector<std::int32_t>{1, 2})) << describe(o);
}

TEST(MidrunLeak, AReferenceCaptureKeepsTheTaskAlive) {
  // The child can reach the parent's local through `[&]`: no alarm, and it passes.
  auto o = explore_body([] {
    auto done = make_chan<int>(1);
    go("parent", [done] {
      auto c = make_chan<int>();
      go("child", [&c] {
        yield();
        c.send(1);
      });
      (void)c.recv();
      done.send(1);
    });
    (void)done.recv();
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

TEST(MidrunLeak, AReferenceCaptureInAStdFunctionKeepsTheTaskAlive) {
  // go() with a std::function: its small captures live in the task's own frame.
  auto o = explore_body([] {
    auto done = make_chan<int>(1);
    go("parent", [done] {
      auto c = make_chan<int>();
      std::function<void()> child = [&c] {
        yield();
        c.send(1);
      };
      go("child", child);
      (void)c.recv();
      done.send(1);
    });
    (void)done.recv();
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

TEST(MidrunLeak, AHandleInAHeapObjectKeepsTheTaskAlive) {
  struct box {
    chan<int> c;
  };
  auto o = explore_body([] {
    auto shared = std::make_shared<box>();
    shared->c = make_chan<int>();
    go("waiter", [shared] { (void)shared->c.recv(); });
    go("sender", [shared] {
      yield();
      shared->c.send(1);
    });
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

TEST(MidrunLeak, AHandleInAnotherChannelsBufferKeepsTheTaskAlive) {
  auto o = explore_body([] {
    auto mail = make_chan<chan<int>>(1);
    {
      auto c = make_chan<int>();
      go("waiter", [c] { (void)c.recv(); });
      mail.send(c);
    }
    yield();
    mail.recv().value.send(1);
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

TEST(MidrunLeak, ARunnableTasksStackHandleKeepsTheTaskAlive) {
  auto o = explore_body([] {
    auto c = make_chan<int>();
    go("waiter", [c] { (void)c.recv(); });
    yield();
    c.send(1);
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

// An after_func's function lives on the heap, where the check cannot look; while it
// is armed it may hold the only way to the waiter's channel (here a reference to the
// waiter's own stack), so nothing is named before it fired.
TEST(MidrunLeak, AnArmedAfterFuncKeepsEveryTaskAlive) {
  auto o = explore_body([] {
    go("waiter", [] {
      auto c = make_chan<int>();
      auto t = after_func(10ms, [&] { c.send(1); });
      (void)c.recv();
      t.stop();
    });
    for (int i = 0; i < 3; ++i) yield();
    sleep(20ms);
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

const scenario_info& scenario(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("scenario " + name + " is not registered");
  return *s;
}

TEST(MidrunLeak, TheCatalogsServerAndTickerPatternsAreCaughtBeforeTheEnd) {
  for (const char* name : {"patterns/server_handler_leak", "patterns/ticker_worker_leak"}) {
    SCOPED_TRACE(name);
    for (std::string strategy : {"dfs", "dpor"}) {
      explore_options opts = dfs();
      opts.strategy = strategy;
      auto o = check_scenario(scenario(name), opts);
      ASSERT_EQ(verdict_of(o), "leak") << describe(o);
      const execution_record& r = o.result.failing;
      EXPECT_EQ(r.stop, stop_reason::leaked) << describe(o);
      ASSERT_FALSE(r.leaks_found.empty());
      EXPECT_LE(r.leaks_found[0].step, r.steps);
      EXPECT_NE(o.violations[0].message.find("caught mid-run"), std::string::npos) << o.violations[0].message;
      // With the check off, the same search finds the leak only at quiescence, later.
      opts.exec.midrun = midrun_check::off;
      auto late = check_scenario(scenario(name), opts);
      EXPECT_EQ(late.result.failing.stop, stop_reason::quiescent) << describe(late);
    }
  }
}

// The catalog test replays every pattern's token; here: the replay stops at the
// same mid-run step, and the search finds the same execution every time.
TEST(MidrunLeak, ItsTokenReplaysToTheSameStepAndTheSearchIsDeterministic) {
  for (const char* name : {"patterns/server_handler_leak", "patterns/ticker_worker_leak"}) {
    SCOPED_TRACE(name);
    auto o = check_scenario(scenario(name), dfs());
    std::string error;
    auto r = replay_scenario(scenario(name), o.token, error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_EQ(r.result.failing.stop, stop_reason::leaked) << describe(r);
    EXPECT_EQ(r.result.failing.leaks_found[0].step, o.result.failing.leaks_found[0].step);
    EXPECT_EQ(r.result.failing.leaks_found[0].tasks, o.result.failing.leaks_found[0].tasks);
    EXPECT_EQ(describe(check_scenario(scenario(name), dfs())), describe(o));
  }
}

}  // namespace
}  // namespace chancheck::testing
