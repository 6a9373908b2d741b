// dpor_classes_test.cpp: dpor's whole searches against dfs's on catalog scenarios,
// class by class (bench/class_count.hpp names a class by the order of the steps on
// each object, in names that do not depend on the interleaving).
//
// On the scenarios below the two notions of a class agree (elsewhere class_key is
// finer or coarser than dpor's dependence: sides, reads, timers; `once_recursive`
// left the list when a once's later calls became reads, which commute but which
// class_key orders), so dpor must reach
// exactly the classes dfs reaches. A reduction that drops a
// branch some class needs fails here: pool_first_error_fixed is where two versions
// of a sleeper's weak-initials test lost classes (docs/exploration.md, "Redundant
// executions"); it is also where a branch that only a sleeping woken task could
// start is dropped at its turn (reversal_reach.hpp).
#include <gtest/gtest.h>

#include <chancheck/properties/scenario.hpp>
#include <set>
#include <string>

#include "bench/class_count.hpp"

namespace chancheck::testing {

TEST(DporClasses, ReachesExactlyTheClassesDfsReachesOnTheCatalog) {
  const std::set<std::string> names = {"patterns/double_close",
                                       "patterns/double_lock",
                                       "patterns/forgotten_receiver_fixed",
                                       "patterns/pool_first_error_fixed",
                                       "patterns/producer_no_done_fixed",
                                       "patterns/semaphore_leak",
                                       "patterns/server_handler_leak_fixed",
                                       "patterns/ticker_worker_leak_fixed",
                                       "patterns/timer_drain",
                                       "patterns/timer_drain_fixed",
                                       "patterns/wg_missing_done",
                                       "seed/buffered_fix",
                                       "seed/forgotten_sender",
                                       "select/same_channel_cases",
                                       "timers/same_instant"};
  std::size_t checked = 0;
  for (const scenario_info& s : scenarios()) {
    if (!names.count(s.name)) continue;
    ++checked;
    bench::class_count dpor, dfs;
    const std::set<std::string> by_dpor = bench::class_keys(s.body, "dpor", dpor);
    const std::set<std::string> by_dfs = bench::class_keys(s.body, "dfs", dfs);
    ASSERT_TRUE(dpor.exhaustive && dfs.exhaustive) << s.name;
    EXPECT_EQ(by_dpor, by_dfs) << s.name << ": dpor reached " << by_dpor.size() << " classes, dfs " << by_dfs.size();
  }
  EXPECT_EQ(checked, names.size());
}

}  // namespace chancheck::testing
