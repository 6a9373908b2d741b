// dpor_differential_test.cpp: partial-order reduction must not lose behaviour.
// RapidCheck generates small channel programs; each is explored exhaustively with
// dfs and with dpor, in both time modes, and the two must reach the same set of
// outcomes (what every task observed, and the verdict), with dpor never running
// more executions than dfs. dpor split into independent groups must reach every
// outcome of every single task, with no more executions than whole dpor (or, when
// the groups turned out to touch, exactly whole dpor's after the runs before).
// RapidCheck shrinks a disagreement to a minimal program and prints it. The mid-run
// leak check runs in mode `observe` on every execution: a task it names must never
// run again in any continuation (dfs explores them all), whatever way the program
// holds and passes its handles.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <set>
#include <sstream>

#include "tests/harness/program_gen.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {
/// The executions a split search ran before it started again over every
/// combination, read from its coverage sentence; 0 when it did not.
std::uint64_t runs_before_restart(const std::string& coverage) {
  const std::string lead = "but execution ";
  const std::size_t at = coverage.find(lead);
  return at == std::string::npos ? 0 : std::stoull(coverage.substr(at + lead.size()));
}

std::string diff(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::ostringstream os;
  for (const auto& x : a)
    if (!b.count(x)) os << "\n  dfs only:  " << x;
  for (const auto& x : b)
    if (!a.count(x)) os << "\n  dpor only: " << x;
  return os.str();
}
}  // namespace

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
// Each execution makes new fibers for the sanitizer (a TSan fiber clears 768 KB): a
// program whose dfs needs more than this is left to the normal build (discarded here).
constexpr std::uint64_t execution_cap = 10000;
#else
constexpr std::uint64_t execution_cap = 200000;
#endif

// dpor exploring every combination reaches exactly dfs's whole outcomes; split
// into independent groups, it reaches every behaviour of every task.
RC_GTEST_PROP(Dpor, ReachesTheSameOutcomesAsDfsWithNoMoreExecutions, ()) {
  const gen_program p = *gen_programs();
  for (time_mode t : {time_mode::any, time_mode::exact}) {
    const std::string mode = t == time_mode::any ? "any" : "exact";
    auto full = explore_outcomes(p, "dfs", t, false, execution_cap);
    RC_PRE(full.result.exhaustive);
    if (!full.false_alarm.empty()) RC_FAIL("mid-run leak check (time " + mode + "): " + full.false_alarm);
    RC_TAG(full.leaks > 0 ? "mid-run leak named" : "no mid-run leak");
    auto reduced = explore_outcomes(p, "dpor", t, false, execution_cap);
    RC_ASSERT(reduced.result.error.empty());
    RC_ASSERT(reduced.result.exhaustive);
    if (!reduced.false_alarm.empty()) RC_FAIL("mid-run leak check, dpor (time " + mode + "): " + reduced.false_alarm);
    if (full.seen != reduced.seen) RC_FAIL("outcomes differ (time " + mode + "):" + diff(full.seen, reduced.seen));
    RC_ASSERT(reduced.result.executions <= full.result.executions);
    auto split = explore_outcomes(p, "dpor", t, true, execution_cap);
    RC_ASSERT(split.result.error.empty());
    RC_ASSERT(split.result.exhaustive);
    if (full.per_task != split.per_task)
      RC_FAIL("task outcomes differ, split (time " + mode + "):" + diff(full.per_task, split.per_task));
    // A split that had to start again ran whole dpor after its first runs.
    if (const std::uint64_t before = runs_before_restart(split.result.coverage); before > 0)
      RC_ASSERT(split.result.executions == before + reduced.result.executions);
    else
      RC_ASSERT(split.result.executions <= reduced.result.executions);
  }
}

namespace {

gen_op op(gen_op::kind_t kind, int ch = 0, int value = 0) {
  gen_op o;
  o.kind = kind;
  o.ch = ch;
  o.value = value;
  return o;
}

/// dfs and dpor reach the same outcomes on `p`, in both time modes.
void expect_same_outcomes(const gen_program& p) {
  for (time_mode t : {time_mode::any, time_mode::exact}) {
    auto full = explore_outcomes(p, "dfs", t);
    auto reduced = explore_outcomes(p, "dpor", t);
    ASSERT_TRUE(full.result.exhaustive && reduced.result.exhaustive);
    EXPECT_EQ(reduced.seen, full.seen) << p << diff(full.seen, reduced.seen);
  }
}

}  // namespace

// Programs the differential test once found dpor missing an outcome of: a step
// touching two objects whose last writers are unordered (a cond's wait: the cond
// and the mutex; a select: two channels). Only the latest of them was a race, and
// reversing it alone stopped early (a wait on a mutex no task held is fatal) or
// went another way, so the other order was never reached.
TEST(DporRegressions, ACondsWaitRacesWithTheSignalAndTheLockAlike) {
  gen_program p;
  p.caps = {1};
  p.tasks = {
      {op(gen_op::cond_wait), op(gen_op::recv)}, {op(gen_op::send, 0, 1), op(gen_op::cond_signal)}, {op(gen_op::lock)}};
  p.holds = {in_closure, in_closure};
  expect_same_outcomes(p);
}

TEST(DporRegressions, ASelectRacesWithTheLastWriteOfEachChannel) {
  gen_program p;
  p.caps = {1, 1};
  gen_op sel = op(gen_op::select2, 0, 1);
  sel.ch2 = 1;
  sel.send1 = true;
  sel.with_default = true;
  p.tasks = {{op(gen_op::wg_wait), sel, op(gen_op::wg_wait)},
             {op(gen_op::lock), op(gen_op::cancel), op(gen_op::send, 1, 1)},
             {op(gen_op::send, 0, 1)}};
  p.holds = {in_closure, in_closure};
  expect_same_outcomes(p);
}

// A split search whose groups turn out to touch a common object in its second
// execution (main's select sends on the channel it then receives from, and
// marks main's wait group done, which the other task added to) starts again
// over every combination: it runs whole dpor's executions after the two
// before, reaches the same outcomes, and says so in its coverage sentence.
TEST(DporRegressions, ASplitThatStartsAgainRunsWholeDporAfterItsFirstRuns) {
  gen_program p;
  p.caps = {1, 1};
  gen_op sel = op(gen_op::select2, 1, 1);
  sel.ch2 = 0;
  sel.send1 = sel.send2 = true;
  p.tasks = {{sel, op(gen_op::recv, 0), op(gen_op::wg_done)}, {op(gen_op::wg_add)}};
  p.holds = {in_closure};
  for (time_mode t : {time_mode::any, time_mode::exact}) {
    auto whole = explore_outcomes(p, "dpor", t, false);
    auto split = explore_outcomes(p, "dpor", t, true);
    ASSERT_TRUE(whole.result.exhaustive && split.result.exhaustive);
    EXPECT_EQ(whole.result.executions, 3u);
    EXPECT_EQ(split.result.executions, 5u);
    EXPECT_EQ(runs_before_restart(split.result.coverage), 2u) << split.result.coverage;
    EXPECT_EQ(split.per_task, whole.per_task);
    EXPECT_EQ(whole.result.coverage, "");
  }
}

}  // namespace chancheck::testing
