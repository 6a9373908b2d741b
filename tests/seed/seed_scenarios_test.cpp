// seed_scenarios_test.cpp: the seed's built-in scenarios, each checked for its
// verdict, the line it blames, the explanation, the replay round trip (a token
// must re-run the exact failing interleaving: this gate is never skipped) and
// determinism (the same options give the same bytes).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <chancheck/chancheck.hpp>
#include "examples/seed/forgotten_sender.hpp"
#include "source_tree.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

constexpr const char* forgotten_sender_file = "examples/seed/forgotten_sender.cpp";
constexpr const char* leak_file = "examples/seed/leak.cpp";
/// The line of `ch.recv()` in examples/seed/leak.cpp (cross-checked against the file below).
constexpr unsigned leak_recv_line = 10;
/// The line of the select's `recv(ctx.done(), ...)` case in forgotten_sender.cpp.
constexpr unsigned ctx_done_case_line = 41;

const scenario_info& scenario(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("scenario " + name + " is not registered");
  return *s;
}

std::string describe(const scenario_outcome& o) { return "\n" + summary_line(o, false) + "\n" + explain(o); }

/// Two outcomes report the same violations (kind, task, message, file, line).
::testing::AssertionResult same_violations(const scenario_outcome& a, const scenario_outcome& b) {
  if (a.violations.size() != b.violations.size())
    return ::testing::AssertionFailure() << a.violations.size() << " vs " << b.violations.size() << " violations";
  for (std::size_t i = 0; i < a.violations.size(); ++i) {
    const auto& x = a.violations[i];
    const auto& y = b.violations[i];
    if (x.kind != y.kind || x.task != y.task || x.message != y.message || std::string(x.loc.file) != y.loc.file ||
        x.loc.line != y.loc.line)
      return ::testing::AssertionFailure()
             << "violation " << i << " differs: " << x.message << " at " << x.loc.file << ":" << x.loc.line << " vs "
             << y.message << " at " << y.loc.file << ":" << y.loc.line;
  }
  return ::testing::AssertionSuccess();
}

TEST(SeedScenarios, AllFourAreRegistered) {
  for (const char* name : {"seed/leak", "seed/forgotten_sender", "seed/buffered_fix", "seed/sequential"})
    EXPECT_NE(find_scenario(name), nullptr) << name;
}

TEST(SeedScenarios, ForgottenSenderLeaksAtTheSend) {
  auto o = check_scenario(scenario("seed/forgotten_sender"), dfs());
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  ASSERT_EQ(o.violations.size(), 1u) << describe(o);
  const auto& v = o.violations[0];
  EXPECT_EQ(std::string(v.loc.file), forgotten_sender_file);
  EXPECT_EQ(v.loc.line, seed::send_line);
  const auto& task = o.result.failing.tasks.at(static_cast<std::size_t>(v.task));
  EXPECT_EQ(task.name, "search");
  EXPECT_EQ(task.op, op_kind::send);
  EXPECT_TRUE(as_expected(o, scenario("seed/forgotten_sender").expect));
  EXPECT_FALSE(o.token.empty());
}

TEST(SeedScenarios, ForgottenSenderExplanationSaysWhereTheReceiverLeftAndSuggestsCapacityOne) {
  auto o = check_scenario(scenario("seed/forgotten_sender"), dfs());
  std::string text = explain(o);
  const std::string at = std::string(forgotten_sender_file) + ":";
  EXPECT_NE(text.find("blocked forever in send on chan#"), std::string::npos) << text;
  EXPECT_NE(text.find(at + std::to_string(seed::send_line)), std::string::npos) << text;
  // Where the receiver left: its select took the ctx.done() case, at that case's line.
  EXPECT_NE(
      text.find("the receiver left: main's select at " + at + std::to_string(ctx_done_case_line) + " took <-ctx.done#"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("(" + at + std::to_string(ctx_done_case_line) + ")"), std::string::npos) << text;
  // The fix.
  EXPECT_NE(text.find("capacity 1"), std::string::npos) << text;
  EXPECT_NE(text.find("make_chan<T>(1)"), std::string::npos) << text;
  EXPECT_NE(text.find("replay: chancheck replay seed/forgotten_sender " + o.token), std::string::npos) << text;
}

TEST(SeedScenarios, LeakBlocksAtTheReceive) {
  auto o = check_scenario(scenario("seed/leak"), dfs());
  ASSERT_EQ(verdict_of(o), "leak") << describe(o);
  ASSERT_EQ(o.violations.size(), 1u);
  EXPECT_EQ(std::string(o.violations[0].loc.file), leak_file);
  EXPECT_EQ(o.violations[0].loc.line, leak_recv_line);
  EXPECT_EQ(o.result.failing.tasks.at(1).op, op_kind::recv);
  std::string text = explain(o);
  EXPECT_NE(text.find("blocked forever in receive from chan#"), std::string::npos) << text;
  EXPECT_NE(text.find("no task sends on or closes"), std::string::npos) << text;
}

TEST(SeedScenarios, ReportedLinesMatchTheScenarioSources) {
  auto root = find_source_root(forgotten_sender_file, CHANCHECK_CLI);
  if (!root) GTEST_SKIP() << "the source tree is not above the build folder; the line constants were checked above";
  EXPECT_EQ(line_containing(*root / forgotten_sender_file, "ch.send("), seed::send_line);
  EXPECT_EQ(line_containing(*root / forgotten_sender_file, "recv(ctx.done()"), ctx_done_case_line);
  EXPECT_EQ(line_containing(*root / leak_file, "ch.recv("), leak_recv_line);
}

/// Replays the outcome's token and checks it reproduces the failing execution exactly.
void expect_replay_round_trip(const std::string& name, const explore_options& opts) {
  const scenario_info& s = scenario(name);
  auto original = check_scenario(s, opts);
  ASSERT_FALSE(original.violations.empty()) << name << describe(original);
  ASSERT_FALSE(original.token.empty()) << name;

  std::string error;
  auto replayed = replay_scenario(s, original.token, error);
  ASSERT_EQ(error, "") << name;
  EXPECT_EQ(verdict_of(replayed), verdict_of(original)) << name;
  EXPECT_TRUE(same_violations(original, replayed)) << name;
  EXPECT_EQ(format_trace(replayed.result.failing), format_trace(original.result.failing)) << name;
  EXPECT_EQ(replayed.result.failing.decisions, original.result.failing.decisions) << name;
  EXPECT_EQ(replayed.token, original.token) << name;
  EXPECT_EQ(explain(replayed), explain(original)) << name;
}

TEST(SeedScenarios, ReplayRoundTripReproducesTheFailingExecution) {
  expect_replay_round_trip("seed/forgotten_sender", dfs());
  expect_replay_round_trip("seed/forgotten_sender", dfs(time_mode::exact));
  expect_replay_round_trip("seed/forgotten_sender", random_search(3, 1000));
  expect_replay_round_trip("seed/leak", dfs());
}

TEST(SeedScenarios, ReplayRoundTripOfABodyWithASelectChoiceAndAPanic) {
  // A choice among ready select cases must be in the token too, not only task picks.
  scenario_info s;
  s.name = "test/select_choice_panic";
  s.body = [] {
    auto a = make_chan<int>(1);
    auto b = make_chan<int>(1);
    a.send(1);
    b.send(2);
    go("closer", [a] { a.close(); });
    select(recv(a), recv(b, [a] { a.send(3); }));
  };
  auto original = check_scenario(s, dfs());
  ASSERT_EQ(verdict_of(original), "panic") << describe(original);
  std::string error;
  auto replayed = replay_scenario(s, original.token, error);
  ASSERT_EQ(error, "");
  EXPECT_TRUE(same_violations(original, replayed));
  EXPECT_EQ(format_trace(replayed.result.failing), format_trace(original.result.failing));
}

TEST(SeedScenarios, ReplayRejectsATokenOfAnotherScenario) {
  auto o = check_scenario(scenario("seed/forgotten_sender"), dfs());
  std::string error;
  auto r = replay_scenario(scenario("seed/leak"), o.token, error);
  EXPECT_NE(error.find("another scenario"), std::string::npos) << error;
  EXPECT_TRUE(r.violations.empty());
}

TEST(SeedScenarios, DfsIsDeterministic) {
  const scenario_info& s = scenario("seed/forgotten_sender");
  auto a = check_scenario(s, dfs());
  auto b = check_scenario(s, dfs());
  EXPECT_EQ(explain(a), explain(b));
  EXPECT_EQ(a.token, b.token);
  EXPECT_EQ(a.result.executions, b.result.executions);
}

TEST(SeedScenarios, RandomWithTheSameSeedIsDeterministic) {
  const scenario_info& s = scenario("seed/forgotten_sender");
  auto a = check_scenario(s, random_search(42, 1000));
  auto b = check_scenario(s, random_search(42, 1000));
  ASSERT_EQ(verdict_of(a), "leak") << describe(a);
  EXPECT_EQ(explain(a), explain(b));
  EXPECT_EQ(a.token, b.token);
  EXPECT_EQ(a.result.executions, b.result.executions);
}

TEST(SeedScenarios, RandomWithAnotherSeedStillFindsTheLeak) {
  const scenario_info& s = scenario("seed/forgotten_sender");
  for (std::uint64_t seed : {1u, 2u, 99u, 12345u}) {
    auto o = check_scenario(s, random_search(seed, 1000));
    EXPECT_EQ(verdict_of(o), "leak") << "seed " << seed << describe(o);
    ASSERT_FALSE(o.violations.empty());
    EXPECT_EQ(o.violations[0].loc.line, seed::send_line);
  }
}

TEST(SeedScenarios, BufferedFixPassesExhaustively) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = check_scenario(scenario("seed/buffered_fix"), dfs(mode));
    EXPECT_EQ(verdict_of(o), "pass") << describe(o);
    EXPECT_TRUE(o.result.exhaustive);
    EXPECT_TRUE(o.token.empty());
  }
}

TEST(SeedScenarios, SequentialPassesExhaustivelyInOneExecution) {
  auto o = check_scenario(scenario("seed/sequential"), dfs());
  EXPECT_EQ(verdict_of(o), "pass") << describe(o);
  EXPECT_TRUE(o.result.exhaustive);
  EXPECT_EQ(o.result.executions, 1u);
}

TEST(SeedScenarios, EveryBuiltInSeedHasItsDeclaredVerdict) {
  for (const auto& s : scenarios()) {
    if (s.name.rfind("seed/", 0) != 0) continue;
    auto o = check_scenario(s, dfs());
    EXPECT_TRUE(as_expected(o, s.expect)) << s.name << describe(o);
  }
}

}  // namespace
}  // namespace chancheck::testing
