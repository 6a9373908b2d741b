// time_mode_test.cpp: the explorer's two time modes on the seed's process().
// With a 50ms search against a 100ms timeout, time `any` (a timer may fire at
// any scheduling point) finds the execution where the timeout wins anyway and the
// search task leaks; time `exact` (timers fire in deadline order only when every
// task is blocked) proves the search always wins. With capacity 1 the send never
// blocks, so both modes pass exhaustively.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include "examples/seed/forgotten_sender.hpp"
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(TimeModes, FastSearchOnUnbufferedChannelLeaksUnderTimeAny) {
  auto o = explore_body([] { seed::process("gophers", 0, 50ms); }, dfs(time_mode::any));
  EXPECT_EQ(verdict_of(o), "leak") << describe(o);
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].loc.line, seed::send_line);
}

TEST(TimeModes, FastSearchOnUnbufferedChannelPassesExhaustivelyUnderTimeExact) {
  auto o = explore_body(
      [] {
        std::string r = seed::process("gophers", 0, 50ms);
        expect(r == "result for gophers", "with exact time the 50ms search beats the 100ms timeout");
      },
      dfs(time_mode::exact));
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(TimeModes, FastSearchOnBufferedChannelPassesExhaustivelyInBothModes) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body([] { seed::process("gophers", 1, 50ms); }, dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << (mode == time_mode::any ? "time any" : "time exact");
  }
}

TEST(TimeModes, TimeAnyExploresMoreThanTimeExact) {
  auto any = explore_body([] { seed::process("gophers", 1, 50ms); }, dfs(time_mode::any));
  auto exact = explore_body([] { seed::process("gophers", 1, 50ms); }, dfs(time_mode::exact));
  EXPECT_GT(any.result.executions, exact.result.executions);
}

}  // namespace
}  // namespace chancheck::testing
