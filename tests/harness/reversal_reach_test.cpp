// reversal_reach_test.cpp: what makes a reversal's reach opaque, and which
// sleeping tasks can start every reversal counting on a branch.
#include <gtest/gtest.h>

#include <chancheck/harness/strategies/dpor/reversal_reach.hpp>
#include <cstdint>
#include <vector>

namespace chancheck::testing {

using namespace chancheck::detail;

namespace {

/// A record of `procs.size()` steps, step k by procs[k], each touching object k + 1.
execution_record steps_of(const std::vector<std::int32_t>& procs) {
  execution_record r;
  for (std::size_t k = 0; k < procs.size(); ++k) {
    trace_step st;
    st.proc = procs[k];
    st.access_begin = static_cast<std::uint32_t>(r.access.size());
    st.access_count = 1;
    r.access.push_back(static_cast<std::uint32_t>(k + 1));
    r.step_log.push_back(st);
  }
  return r;
}

reversal_reach reach_of(const execution_record& r, std::vector<std::size_t> steps, std::size_t j) {
  std::vector<char> makes;
  reversal_reach::makers(r, makes);
  reversal_reach out;
  out.add(r, steps, j, r.step_log[j].proc, makes);
  return out;
}

}  // namespace

TEST(ReversalReach, ATaskTakingNoStepInTheReversalsCanStartThem) {
  const execution_record r = steps_of({1, 2, 3, 1});
  reversal_reach reach = reach_of(r, {1}, 2);  // task 2's step, then task 3's
  EXPECT_FALSE(reach.opaque);
  EXPECT_EQ(reach.procs, (std::vector<std::int32_t>{2, 3}));
  EXPECT_TRUE(reach.silent_commutes(1));
  EXPECT_FALSE(reach.silent_commutes(2));
  EXPECT_FALSE(reach.silent_commutes(-2)) << "a timer is never taken to touch nothing";
  reach.merge(reach_of(r, {}, 3));  // a second reversal, of task 1's step
  EXPECT_EQ(reach.procs, (std::vector<std::int32_t>{1, 2, 3}));
  EXPECT_FALSE(reach.silent_commutes(1));
}

TEST(ReversalReach, WhatTheTestCannotJudgeMakesItOpaque) {
  execution_record r = steps_of({1, -2, 3, 1});
  EXPECT_TRUE(reach_of(r, {1}, 2).opaque) << "a timer's firing";
  EXPECT_FALSE(reach_of(r, {}, 2).opaque);

  r.tasks.push_back(trace_task{});
  r.tasks.back().created_step = 2;
  EXPECT_TRUE(reach_of(r, {}, 2).opaque) << "a step that made a task";
  r.tasks.back().created_step = -1;
  r.objects.push_back(trace_object{});
  r.objects.back().made_step = 2;
  EXPECT_TRUE(reach_of(r, {}, 2).opaque) << "a step that made an object";
  r.objects.back().made_step = -1;
  r.timer_log.push_back(timer_step{timer_step::kind_t::arm, 2, 1, 0, 0, 3, 1, 0, 0});
  EXPECT_TRUE(reach_of(r, {}, 2).opaque) << "a step that armed a timer";
  r.timer_log.clear();

  r.access[2] = quiet_object | read_access;
  EXPECT_TRUE(reach_of(r, {}, 2).opaque) << "the quiet pseudo-object";
  r.access[2] = 3;

  std::vector<char> makes;
  reversal_reach::makers(r, makes);
  reversal_reach unrun;
  unrun.add(r, {}, r.step_log.size(), 3, makes);
  EXPECT_TRUE(unrun.opaque) << "a step j that did not run";

  const execution_record long_one = steps_of(std::vector<std::int32_t>(reversal_reach::max_steps + 2, 1));
  std::vector<std::size_t> all(reversal_reach::max_steps);
  for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
  EXPECT_TRUE(reach_of(long_one, all, reversal_reach::max_steps).opaque) << "a reversal too long";

  reversal_reach clear = reach_of(r, {}, 2);
  clear.merge(reach_of(r, {1}, 2));
  EXPECT_TRUE(clear.opaque) << "merging an opaque reach";
  EXPECT_FALSE(clear.silent_commutes(7));
}

}  // namespace chancheck::testing
