// cli_stop_test.cpp: results are never lost. The JSON result is valid from before the
// first scenario on and holds each scenario as soon as it is known; SIGINT and SIGTERM
// stop a run, which records the running scenario as `interrupted` with its executions
// so far, writes the JSON and the text summary, and exits 130 or 143.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>

#include "tools/cli_process.hpp"

namespace chancheck::testing {
namespace {

/// A search that only its budget (a minute) ends: random sampling of a scenario that passes, with no bound.
const std::vector<std::string> endless = {"--strategy", "random", "--max-executions", "0", "--budget", "60s"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

/// No temporary file is left beside the result.
void expect_only(const std::filesystem::path& dir, std::size_t files) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    ++n;
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
  EXPECT_EQ(n, files);
}

TEST(CliStop, SigintEndsTheRunningScenarioAndKeepsTheFinishedOnes) {
  auto dir = fresh_folder("sigint");
  const auto json = dir / "result.json";
  background_cli run(
      CHANCHECK_CLI,
      with({"run", "seed/leak", "seed/buffered_fix", "seed/sequential", "--json", json.string()}, endless),
      dir / "out.txt");
  ASSERT_TRUE(wait_for_scenarios(json, 1));                     // seed/leak is written as soon as it is known
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // seed/buffered_fix searches meanwhile
  run.signal(SIGINT);
  EXPECT_EQ(run.wait(), 130);
  auto j = read_json_file(json);
  ASSERT_EQ(j["scenarios"].size(), 2u) << j.dump(2);
  EXPECT_EQ(j["scenarios"][0]["scenario"], "seed/leak");
  EXPECT_EQ(j["scenarios"][0]["verdict"], "leak");
  const auto& s = j["scenarios"][1];
  EXPECT_EQ(s["scenario"], "seed/buffered_fix");
  EXPECT_EQ(s["verdict"], "interrupted");
  EXPECT_EQ(s["bound"], "interrupted");
  EXPECT_EQ(s["signal"], "SIGINT");
  EXPECT_EQ(s["exhaustive"], false);
  EXPECT_GT(s["executions"].get<std::uint64_t>(), 0u) << "the executions so far";
  const std::string out = read_text(dir / "out.txt");
  EXPECT_NE(out.find("FAIL seed/leak: leak"), std::string::npos) << out;
  EXPECT_NE(out.find("STOP seed/buffered_fix: interrupted by SIGINT after " + s["executions"].dump() + " executions"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("stopped by SIGINT: 1 of 3 scenarios finished, 1 interrupted, 1 not run"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("seed/sequential"), std::string::npos) << out;
  expect_only(dir, 2);
}

TEST(CliStop, TheFileIsValidBeforeTheFirstScenarioAndSigtermExits143) {
  auto dir = fresh_folder("sigterm");
  const auto json = dir / "result.json";
  background_cli run(CHANCHECK_CLI, with({"run", "seed/buffered_fix", "--json", json.string()}, endless),
                     dir / "out.txt");
  ASSERT_TRUE(wait_for_scenarios(json, 0));  // an empty run, written before the search starts
  EXPECT_EQ(read_json_file(json)["format"], "chancheck-result");
  run.signal(SIGTERM);
  EXPECT_EQ(run.wait(), 143);
  auto j = read_json_file(json);
  ASSERT_EQ(j["scenarios"].size(), 1u) << j.dump(2);
  EXPECT_EQ(j["scenarios"][0]["verdict"], "interrupted");
  EXPECT_EQ(j["scenarios"][0]["signal"], "SIGTERM");
  EXPECT_NE(read_text(dir / "out.txt").find("stopped by SIGTERM: 0 of 1 scenarios finished, 1 interrupted"),
            std::string::npos);
  expect_only(dir, 2);
}

TEST(CliStop, InOneProcessTheRunningScenarioFinishesFirst) {
  auto dir = fresh_folder("sigint_none");
  const auto json = dir / "result.json";
  background_cli run(CHANCHECK_CLI,
                     {"run", "seed/buffered_fix", "seed/leak", "--strategy", "random", "--max-executions", "0",
                      "--budget", "1s", "--isolate", "none", "--json", json.string()},
                     dir / "out.txt");
  ASSERT_TRUE(wait_for_scenarios(json, 0));
  run.signal(SIGINT);
  EXPECT_EQ(run.wait(), 130);
  auto j = read_json_file(json);
  ASSERT_EQ(j["scenarios"].size(), 1u) << j.dump(2);
  EXPECT_EQ(j["scenarios"][0]["verdict"], "pass");  // searched to its budget, then the run stopped
  EXPECT_EQ(j["scenarios"][0]["bound"], "budget");
  EXPECT_NE(read_text(dir / "out.txt").find("stopped by SIGINT: 1 of 2 scenarios finished, 0 interrupted, 1 not run"),
            std::string::npos);
}

TEST(CliStop, TheFileHoldsEachScenarioAsSoonAsItIsKnown) {
  // The first scenario is in the file while the second still searches; then the run is killed outright.
  auto dir = fresh_folder("progress");
  const auto json = dir / "result.json";
  background_cli run(CHANCHECK_CLI,
                     with({"run", "seed/forgotten_sender", "seed/buffered_fix", "--json", json.string()}, endless),
                     dir / "out.txt");
  ASSERT_TRUE(wait_for_scenarios(json, 1));
  run.signal(SIGKILL);
  EXPECT_EQ(run.wait(), -1);
  auto j = read_json_file(json);
  ASSERT_EQ(j["scenarios"].size(), 1u);
  EXPECT_EQ(j["scenarios"][0]["verdict"], "leak");
}

}  // namespace
}  // namespace chancheck::testing
