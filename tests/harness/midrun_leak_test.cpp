// midrun_leak_test.cpp: the mid-run leak check (model/leak_fixpoint.hpp).
// A task blocked on channels no task that can still run can reach is reported at
// the step that made it certain, and the execution runs on to its end; every
// reference that might be used keeps a task alive: a handle on a runnable task's
// stack or in its closure, a `[&]` capture, a handle in a heap object or in another
// channel's buffer, an address sent on a channel, an address written into a
// variable some closure refers to, a task started from a std::function. Mode `off`,
// the report's wording, replay and determinism.
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
  EXPECT_EQ(r.stop, stop_reason::quiescent) << describe(o);  // it ran on: main returned
  EXPECT_EQ(r.tasks[0].state, task_state::finished);
  ASSERT_EQ(o.violations.size(), 1u) << describe(o);
  EXPECT_NE(o.violations[0].message.find("caught mid-run at entry"), std::string::npos) << o.violations[0].message;
  ASSERT_EQ(r.leaks_found.size(), 1u);
  EXPECT_EQ(r.leaks_found[0].tasks, std::vector<std::int32_t>{1});
  EXPECT_LE(r.leaks_found[0].step, r.steps);
  EXPECT_NE(explain(o).find("caught mid-run"), std::string::npos) << describe(o);
}

TEST(MidrunLeak, SaysWhereTheLastOtherHandleWentAway) {
  auto o = explore_body(dropped_receiver);
  ASSERT_FALSE(o.violations.empty()) << describe(o);
  const std::string& m = o.violations[0].message;
  EXPECT_NE(m.find("the last other handle of chan#1 went away at entry"), std::string::npos) << m;
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
  ASSERT_FALSE(o.result.failing.leaks_found.empty()) << describe(o);
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

// A server whose main never returns: without the check the execution ends at the
// step bound with no leak named; with it, the leak is the verdict.
TEST(MidrunLeak, ALoopThatNeverEndsReportsItsLeakInsteadOfTheStepBound) {
  auto server = [] {
    for (int req = 0;; ++req) {
      {
        auto reply = make_chan<int>();
        go("handler", [reply, req] { reply.send(req); });
        select(recv(reply), default_case());
      }
      sleep(1ms);
    }
  };
  explore_options opts = dfs();
  opts.exec.max_steps = 400;
  opts.max_executions = 50;
  auto o = explore_body(server, opts);
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  EXPECT_EQ(o.result.failing.stop, stop_reason::step_limit) << describe(o);
  EXPECT_NE(explain(o).find("blocked forever while the program ran on"), std::string::npos) << describe(o);
  opts.exec.midrun = midrun_check::off;
  EXPECT_EQ(verdict_of(explore_body(server, opts)), "step-limit");
}

// The address of a waiter's own handle, sent on a channel: whoever received it can
// wake the waiter, so it is not named.
TEST(MidrunLeak, AnAddressSentOnAChannelKeepsItsTaskAlive) {
  auto o = explore_body([] {
    auto mail = make_chan<chan<int>*>(1);
    go("waiter", [mail] {
      auto c = make_chan<int>();
      mail.send(&c);
      (void)c.recv();
    });
    chan<int>* p = mail.recv().value;
    yield();
    p->send(1);
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

// A task writes the address of its own handle into main's variable, which its
// `[&]` capture refers to: main can wake it, so it is not named.
TEST(MidrunLeak, AnAddressWrittenIntoACapturedVariableKeepsItsTaskAlive) {
  auto o = explore_body([] {
    chan<int>* shared = nullptr;
    auto ready = make_chan<int>(1);
    go("waiter", [&shared, ready] {
      auto c = make_chan<int>();
      shared = &c;
      ready.send(1);
      (void)c.recv();
    });
    (void)ready.recv();
    yield();
    shared->send(1);
  });
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
}

// The check reads captures and captured variables only, never raw stack words: a
// stale pointer left in main's frame decides nothing, so every build names the
// seed's leak at the same step, and its token replays it there.
TEST(MidrunLeak, TheSeedsLeakIsNamedMidRunAndReplaysAtTheSameStep) {
  const scenario_info* s = find_scenario("seed/forgotten_sender");
  ASSERT_NE(s, nullptr);
  auto o = check_scenario(*s, dfs());
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  ASSERT_EQ(o.result.failing.leaks_found.size(), 1u) << describe(o);
  EXPECT_NE(o.violations[0].message.find("caught mid-run at entry"), std::string::npos) << o.violations[0].message;
  std::string error;
  auto r = replay_scenario(*s, o.token, error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(r.result.failing.leaks_found.size(), 1u) << describe(r);
  EXPECT_EQ(r.result.failing.leaks_found[0].step, o.result.failing.leaks_found[0].step);
  EXPECT_EQ(explain(r), explain(o));
}

const scenario_info& scenario(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("scenario " + name + " is not registered");
  return *s;
}

TEST(MidrunLeak, TheCatalogsServerAndTickerPatternsAreCaughtBeforeTheEnd) {
  for (const char* name : {"patterns/server_handler_leak", "patterns/ticker_worker_leak"}) {
    for (std::string strategy : {"dfs", "dpor"}) {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
      // Each search here shortens its counterexample over many executions, each a new
      // fiber for the sanitizer (40 s under TSan); the normal build runs dfs too.
      if (strategy == "dfs") continue;
#endif
      for (time_mode t : {time_mode::any, time_mode::exact}) {
        SCOPED_TRACE(std::string(name) + " " + strategy + " time " + to_string(t));
        explore_options opts = dfs(t);
        opts.strategy = strategy;
        auto o = check_scenario(scenario(name), opts);
        ASSERT_EQ(verdict_of(o), "leak") << describe(o);
        const execution_record& r = o.result.failing;
        ASSERT_FALSE(r.leaks_found.empty());
        EXPECT_NE(o.violations[0].message.find("caught mid-run"), std::string::npos) << o.violations[0].message;
        // In time exact the loop is still running when the first leak is certain
        // (in time any the shortest execution may let the leaking task block last).
        if (t == time_mode::exact) {
          EXPECT_LT(r.leaks_found[0].step, r.steps) << describe(o);
        }
        // With the check off, the same search finds the same leak at quiescence only.
        opts.exec.midrun = midrun_check::off;
        auto late = check_scenario(scenario(name), opts);
        ASSERT_EQ(verdict_of(late), "leak") << describe(late);
        EXPECT_EQ(late.violations[0].loc.line, o.violations[0].loc.line);
        EXPECT_EQ(late.violations[0].message.find("mid-run"), std::string::npos) << describe(late);
      }
    }
  }
}

// The catalog test replays every pattern's token; here: the replay names the leak
// at the same mid-run step, and the search finds the same execution every time.
TEST(MidrunLeak, ItsTokenReplaysToTheSameStepAndTheSearchIsDeterministic) {
  for (const char* name : {"patterns/server_handler_leak", "patterns/ticker_worker_leak"}) {
    SCOPED_TRACE(name);
    auto o = check_scenario(scenario(name), dfs());
    std::string error;
    auto r = replay_scenario(scenario(name), o.token, error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_FALSE(r.result.failing.leaks_found.empty()) << describe(r);
    EXPECT_EQ(r.result.failing.leaks_found[0].step, o.result.failing.leaks_found[0].step);
    EXPECT_EQ(r.result.failing.leaks_found[0].tasks, o.result.failing.leaks_found[0].tasks);
    EXPECT_EQ(describe(check_scenario(scenario(name), dfs())), describe(o));
  }
}

}  // namespace
}  // namespace chancheck::testing
