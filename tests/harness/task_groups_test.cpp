// task_groups_test.cpp: dpor's split search (harness/strategies/dpor/task_groups.hpp). Groups
// that share nothing are explored one after another and the result says so;
// groups that share a channel, or whose timers wait for one another, are
// explored in every combination, exactly as with the split turned off.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>

#include <chancheck/harness/engine/explorer.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

using namespace std::chrono_literals;

explore_result run(const std::function<void()>& body, bool split) {
  explore_options o;
  o.strategy = "dpor";
  o.max_executions = 0;
  o.dpor_split = split;
  return explore(body, o, [](const execution_record&) { return false; });
}

// Each task races its own timer against its own sender.
void racing_pair() {
  auto c = make_chan<int>(1);
  go("sender", [c] { c.send(1); });
  select(recv(c), recv(after(10ms)));
}

}  // namespace

TEST(TaskGroups, IndependentGroupsAreExploredOneAfterAnother) {
  auto body = [] {
    for (int i = 0; i < 3; ++i) go("pair", racing_pair);
  };
  auto whole = run(body, false);
  auto split = run(body, true);
  ASSERT_TRUE(whole.exhaustive);
  ASSERT_TRUE(split.exhaustive);
  EXPECT_LT(split.executions, whole.executions);
  EXPECT_NE(split.coverage.find("4 independent groups"), std::string::npos) << split.coverage;
}

TEST(TaskGroups, GroupsSharingAChannelAreExploredInEveryCombination) {
  auto body = [] {
    auto shared = make_chan<int>(0);
    go("a", [shared] { shared.send(1); });
    go("b", [shared] { shared.send(2); });
    (void)shared.recv();
    (void)shared.recv();
  };
  auto whole = run(body, false);
  auto split = run(body, true);
  EXPECT_EQ(split.executions, whole.executions) << "a shared channel turns the split off at the first execution";
  EXPECT_TRUE(split.coverage.empty()) << split.coverage;
}

TEST(TaskGroups, ATimerWaitingForAnotherGroupsTimerTurnsTheSplitOff) {
  auto body = [] {
    auto tick = after(50ms);  // armed before the task starts: the task's 100 ms timer waits for it
    go("sleeper", [] { sleep(100ms); });
    select(recv(tick), default_case());
  };
  auto whole = run(body, false);
  auto split = run(body, true);
  EXPECT_EQ(split.executions, whole.executions);
  EXPECT_TRUE(split.coverage.empty()) << split.coverage;
}

}  // namespace chancheck::testing
