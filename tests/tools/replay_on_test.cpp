// replay_on_test.cpp: a token replayed on another scenario (`replay --on`, a bug's token
// on its fix), and the message of a token that does not fit: which decision, what the
// scenario could run there, its last step, and with --on the first step where the token's
// own run and the other scenario's differ.
#include <gtest/gtest.h>

#include <string>

#include <chancheck/harness/schedule/schedule_token.hpp>
#include <chancheck/properties/checker.hpp>
#include "examples/seed/forgotten_sender.hpp"
#include "tools/cli_process.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

const scenario_info& named(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("no scenario " + name);
  return *s;
}

/// The token seed/forgotten_sender's search reports, and its decoded form.
std::string bug_token() {
  auto o = check_scenario(named("seed/forgotten_sender"), explore_options{});
  return o.token;
}

schedule_token decoded(const std::string& token) {
  schedule_token t;
  std::string error;
  EXPECT_TRUE(schedule_token::decode(token, t, error)) << error;
  return t;
}

TEST(ReplayOn, TheBugsTokenRunsOnItsFixAndPasses) {
  std::string out;
  EXPECT_EQ(cli_of(CHANCHECK_CLI, "replay seed/forgotten_sender " + bug_token() + " --on seed/buffered_fix", out), 0);
  EXPECT_EQ(out.rfind("replay of seed/forgotten_sender's token on seed/buffered_fix: pass\n", 0), 0u) << out;
  EXPECT_NE(out.find("send on chan#2"), std::string::npos) << out;  // the send that leaked now completes
  EXPECT_EQ(out.find("leak"), std::string::npos) << out;
  std::string as;  // --as is the same option
  EXPECT_EQ(cli_of(CHANCHECK_CLI, "replay seed/forgotten_sender " + bug_token() + " --as seed/buffered_fix", as), 0);
  EXPECT_EQ(as, out);
}

TEST(ReplayOn, AMisfitNamesTheFirstStepWhereTheRunsDiffer) {
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, "replay seed/forgotten_sender " + bug_token() + " --on seed/leak", err), 2);
  EXPECT_NE(err.find("the token does not fit scenario seed/leak: the token's step 1 on seed/forgotten_sender is task "
                     "main starting task 1 at "),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("; its step 1 on seed/leak is task main starting task 1 at "), std::string::npos) << err;
  EXPECT_NE(err.find("the scenario ended after 0 of the token's 4 decisions"), std::string::npos) << err;
  EXPECT_NE(err.find("its last step before that: step 4, task receiver blocking in receive from chan#1"),
            std::string::npos)
      << err;
}

TEST(ReplayOn, TheTokenMustBeTheNamedScenarios) {
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, "replay seed/leak " + bug_token() + " --on seed/buffered_fix", err), 2);
  EXPECT_NE(err.find("this token was made for another scenario, not seed/leak"), std::string::npos) << err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, "replay seed/forgotten_sender " + bug_token() + " --on no/such", err), 2);
  EXPECT_NE(err.find("--on: no scenario is named \"no/such\""), std::string::npos) << err;
}

TEST(ReplayOn, ATokenOfAnotherScenarioSaysHowToReplayItThere) {
  std::string error;
  replay_scenario(named("seed/buffered_fix"), bug_token(), error);
  EXPECT_NE(error.find("chancheck replay THAT_SCENARIO TOKEN --on seed/buffered_fix"), std::string::npos) << error;
}

TEST(ReplayMisfit, AnOutOfRangeDecisionNamesWhatCouldRun) {
  schedule_token t = decoded(bug_token());
  ASSERT_GE(t.decisions.size(), 1u);
  t.decisions[0] = 7;  // there are two options
  std::string error;
  replay_scenario(named("seed/forgotten_sender"), t.encode(), error);
  EXPECT_NE(error.find("decision 1 of the token picks option 8 of "), std::string::npos) << error;
  EXPECT_NE(error.find(", where the scenario can run "), std::string::npos) << error;
  // Its first decision (main runs on, or the timeout fires) comes before the trace's first step.
  EXPECT_NE(error.find("its last step before that: none, it stopped fitting before its first step"), std::string::npos)
      << error;
}

TEST(ReplayMisfit, TooFewAndTooManyDecisions) {
  schedule_token t = decoded(bug_token());
  const std::size_t n = t.decisions.size();
  schedule_token shorter = t, longer = t;
  shorter.decisions.pop_back();
  longer.decisions.push_back(0);
  std::string error;
  replay_scenario(named("seed/forgotten_sender"), shorter.encode(), error);
  EXPECT_NE(error.find("the token ends after " + std::to_string(n - 1) + " decisions but the scenario needs more ("),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("its last step before that: step "), std::string::npos) << error;
  error.clear();
  replay_scenario(named("seed/forgotten_sender"), longer.encode(), error);
  EXPECT_NE(error.find("the scenario ended after " + std::to_string(n) + " of the token's " + std::to_string(n + 1) +
                       " decisions"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("forgotten_sender.cpp:" + std::to_string(seed::send_line)), std::string::npos) << error;
}

}  // namespace
}  // namespace chancheck::testing
