// hostile_test.cpp: the hostile scenarios (tests/hostile/hostile_scenarios.cpp) run
// through their own CLI: each crash, exit, overflow or hang is reported with its
// kind, task and line, the run goes on to the next scenario, the JSON result holds
// every scenario, and a crash's token replays to the same crash.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include <chancheck/scenario.hpp>

#include "hostile/hostile_cli.hpp"
#include "hostile/hostile_lines.hpp"

namespace chancheck::testing {
namespace {

/// One hostile scenario and what its report must say.
struct hostile_case {
  const char* scenario;
  const char* kind;     ///< "crash" or "uncontrolled"
  const char* cause;    ///< the violation's "cause" field
  const char* signal;   ///< "SIGABRT", ..., or "" when it exited
  int exit_status;      ///< when it exited
  const char* task;
  unsigned line;
  const char* says;     ///< a phrase of the explanation
};

const hostile_case cases[] = {
    {"hostile/abort", "crash", "signal", "SIGABRT", 0, "worker", hostile::abort_recv, "killed by SIGABRT"},
    {"hostile/null_store", "crash", "signal", "SIGSEGV", 0, "worker", hostile::null_store_recv, "killed by SIGSEGV"},
    {"hostile/deep_recursion", "crash", "stack overflow", "SIGSEGV", 0, "worker", hostile::recursion_recv,
     "stack overflow in task 1 \"worker\""},
    {"hostile/big_frame", "crash", "stack overflow", "SIGSEGV", 0, "worker", hostile::big_frame_recv,
     "stack overflow in task 1 \"worker\""},
    {"hostile/exit_3", "crash", "exit", "", 3, "worker", hostile::exit_recv, "exited with status 3"},
    {"hostile/throw_in_destructor", "crash", "terminate", "SIGABRT", 0, "worker", hostile::destructor_recv,
     "std::terminate was called with an exception: thrown from a destructor"},
    {"hostile/spin", "uncontrolled", "watchdog", "", 0, "worker", hostile::spin_recv,
     "without reaching a scheduling point"},
    {"hostile/std_mutex", "uncontrolled", "watchdog", "", 0, "main", hostile::mutex_recv,
     "without reaching a scheduling point"},
};

class Hostile : public ::testing::TestWithParam<hostile_case> {};

TEST_P(Hostile, ReportedAndTheRunGoesOn) {
  const hostile_case& c = GetParam();
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  if (std::string(c.scenario) == "hostile/exit_3")
    GTEST_SKIP() << "under a sanitizer exit() runs the sanitizer's exit handlers (TSan faults on the fiber's stack, "
                    "LeakSanitizer sets the status): the child is still a crash, not exit status 3";
#endif
#if defined(__SANITIZE_ADDRESS__)
  if (std::string(c.signal) == "SIGSEGV")
    GTEST_SKIP() << "AddressSanitizer handles the fault itself and exits with status 1: still a crash, not SIGSEGV";
#endif
  std::string path = temp_path(std::string(c.scenario).substr(8) + ".json"), out;
  ASSERT_EQ(hostile(std::string("run ") + c.scenario + " hostile/leak_after" + short_watchdog + " --json " + path, out), 1)
      << out;
  const std::string where = "tests/hostile/hostile_scenarios.cpp:" + std::to_string(c.line);
  EXPECT_NE(out.find(std::string("FAIL ") + c.scenario + ": " + c.kind + " found in execution 1"), std::string::npos) << out;
  EXPECT_NE(out.find(c.says), std::string::npos) << out;
  EXPECT_NE(out.find(where), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL hostile/leak_after: leak"), std::string::npos) << out;  // the run went on
  auto j = read_json(path);
  std::filesystem::remove(path);
  ASSERT_EQ(j["scenarios"].size(), 2u) << j.dump(2);
  const auto& s = j["scenarios"][0];
  EXPECT_EQ(s["scenario"], c.scenario);
  EXPECT_EQ(s["verdict"], c.kind);
  ASSERT_EQ(s["violations"].size(), 1u);
  const auto& v = s["violations"][0];
  EXPECT_EQ(v["kind"], c.kind);
  EXPECT_EQ(v["cause"], c.cause);
  EXPECT_EQ(v["task"], c.task);
  EXPECT_EQ(v["line"], c.line);
  EXPECT_EQ(v["file"], "tests/hostile/hostile_scenarios.cpp");
  if (*c.signal) {
    EXPECT_EQ(v["signal"], c.signal);
  }
  if (std::string(c.cause) == "exit") {
    EXPECT_EQ(v["exit_status"], c.exit_status);
  }
  EXPECT_EQ(v["token"].get<std::string>().rfind("cc2-", 0), 0u);
  EXPECT_EQ(j["scenarios"][1]["verdict"], "leak");
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Hostile, ::testing::ValuesIn(cases),
                         [](const ::testing::TestParamInfo<hostile_case>& i) { return case_name(i.param.scenario); });

/// The replay token of a scenario's first violation, from the JSON result.
std::string token_of(const std::string& scenario) {
  std::string path = temp_path("token.json"), out;
  if (hostile("run " + scenario + short_watchdog + " --json " + path, out) != 1) return "";
  auto j = read_json(path);
  std::filesystem::remove(path);
  return j["scenarios"][0]["violations"][0]["token"].get<std::string>();
}

TEST(HostileReplay, ACrashTokenReplaysToTheSameCrash) {
#if defined(__SANITIZE_ADDRESS__)
  const char* const replayed[] = {"hostile/abort"};  // AddressSanitizer ends a stack overflow itself
#else
  const char* const replayed[] = {"hostile/abort", "hostile/deep_recursion"};
#endif
  for (const char* scenario : replayed) {
    std::string token = token_of(scenario), out, path = temp_path("replay.json");
    ASSERT_FALSE(token.empty()) << scenario;
    EXPECT_EQ(hostile(std::string("replay ") + scenario + " " + token + " --json " + path, out), 1) << out;
    EXPECT_NE(out.find(std::string("replay of ") + scenario + ": crash"), std::string::npos) << out;
    auto j = read_json(path);
    std::filesystem::remove(path);
    const auto& v = j["scenarios"][0]["violations"][0];
    EXPECT_EQ(v["kind"], "crash");
    EXPECT_EQ(v["signal"], std::string(scenario) == "hostile/abort" ? "SIGABRT" : "SIGSEGV");
    EXPECT_EQ(v["line"], std::string(scenario) == "hostile/abort" ? hostile::abort_recv : hostile::recursion_recv);
    EXPECT_EQ(v["token"], token);
  }
}

TEST(HostileRun, EveryScenarioIsInTheJsonAndTheRunExitsOne) {
  std::string path = temp_path("all.json"), out;
  EXPECT_EQ(hostile("run" + short_watchdog + " --json " + path, out), 1) << out;
  auto j = read_json(path);
  std::filesystem::remove(path);
  // leak_after, non_utf8_panic and non_utf8_crash, and the teardown and misuse scenarios
  ASSERT_EQ(j["scenarios"].size(), std::size(cases) + 3 + other_hostile_scenarios) << j.dump(2);
  for (const auto& c : cases) {
    bool found = false;
    for (const auto& s : j["scenarios"]) found |= s["scenario"] == c.scenario && s["verdict"] == c.kind;
    EXPECT_TRUE(found) << c.scenario;
  }
}

TEST(HostileRun, TheBudgetHoldsWithinASecondWhenATaskSpins) {
  std::string out;
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(hostile("run hostile/spin --budget 300ms --watchdog 30s", out), 0) << out;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.5) << out;
  EXPECT_NE(out.find("not exhaustive: stopped by --budget"), std::string::npos) << out;
  EXPECT_NE(out.find("ran more than a second past --budget and was ended"), std::string::npos) << out;
}

TEST(HostileRun, InOneProcessTheOutputIsTheSame) {
  std::string isolated, in_process;
  EXPECT_EQ(hostile("run hostile/leak_after --no-time", isolated), 1);
  EXPECT_EQ(hostile("run hostile/leak_after --no-time --isolate none", in_process), 1);
  EXPECT_EQ(isolated, in_process);
}

TEST(HostileRun, StackSizeWatchdogAndIsolateAreChecked) {
  std::string out;
  EXPECT_EQ(hostile("run hostile/leak_after --stack-size 64k", out), 1) << out;  // a normal scenario fits
  EXPECT_EQ(hostile("run hostile/leak_after --stack-size 1k", out), 2);
  EXPECT_EQ(hostile("run hostile/leak_after --stack-size 12q", out), 2);
  EXPECT_EQ(hostile("run hostile/leak_after --watchdog soon", out), 2);
  EXPECT_EQ(hostile("run hostile/leak_after --isolate thread", out), 2);
}

}  // namespace
}  // namespace chancheck::testing
