// cli_test.cpp: the chancheck command line, run as a separate process: exit
// codes (0 pass, 1 violation, 2 bad usage), the JSON result, replay from a token,
// and a clear message on stderr for every kind of bad input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include <chancheck/harness/strategies/strategy_registry.hpp>
#include "examples/seed/forgotten_sender.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// Runs the CLI with `args`; fills `out` with its stdout and returns its exit code.
int cli(const std::string& args, std::string& out) {
  return run_command(std::string(CHANCHECK_CLI) + " " + args + " 2>/dev/null", out);
}

/// Runs the CLI with `args`; fills `err` with its stderr (stdout is dropped).
int cli_stderr(const std::string& args, std::string& err) {
  return run_command(std::string(CHANCHECK_CLI) + " " + args + " 2>&1 >/dev/null", err);
}

/// A fresh path in the test's temporary folder.
std::string temp_path(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("chancheck_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());  // throws on invalid JSON
}

/// The replay token of seed/forgotten_sender, read from the CLI's JSON result.
std::string forgotten_sender_token() {
  std::string path = temp_path("token.json"), out;
  if (cli("run seed/forgotten_sender --json " + path, out) != 1) return "";
  auto j = read_json(path);
  std::filesystem::remove(path);
  return j["scenarios"][0]["violations"][0]["token"].get<std::string>();
}

TEST(Cli, RunForgottenSenderExitsOne) {
  std::string out;
  EXPECT_EQ(cli("run seed/forgotten_sender", out), 1);
  EXPECT_NE(out.find("FAIL seed/forgotten_sender: leak"), std::string::npos) << out;
  EXPECT_NE(out.find("examples/seed/forgotten_sender.cpp:" + std::to_string(seed::send_line)), std::string::npos)
      << out;
  EXPECT_NE(out.find("chancheck replay seed/forgotten_sender cc2-"), std::string::npos) << out;
}

TEST(Cli, RunBufferedFixExitsZeroAndSaysExhaustive) {
  std::string out;
  EXPECT_EQ(cli("run seed/buffered_fix", out), 0);
  EXPECT_NE(out.find("PASS seed/buffered_fix"), std::string::npos) << out;
  EXPECT_NE(out.find("exhaustive"), std::string::npos) << out;
  EXPECT_EQ(out.find("not exhaustive"), std::string::npos) << out;
}

TEST(Cli, ListExitsZeroAndNamesTheSeeds) {
  std::string out;
  EXPECT_EQ(cli("list", out), 0);
  for (const char* name : {"seed/leak", "seed/forgotten_sender", "seed/buffered_fix", "seed/sequential"})
    EXPECT_NE(out.find(name), std::string::npos) << name << " missing from:\n" << out;
}

TEST(Cli, RunJsonWritesTheResult) {
  std::string path = temp_path("result.json"), out;
  ASSERT_EQ(cli("run seed/forgotten_sender --json " + path, out), 1);
  nlohmann::json j;
  ASSERT_NO_THROW(j = read_json(path)) << "not valid JSON";
  std::filesystem::remove(path);
  ASSERT_TRUE(j["scenarios"].is_array());
  ASSERT_EQ(j["scenarios"].size(), 1u);
  const auto& s = j["scenarios"][0];
  EXPECT_EQ(s["scenario"], "seed/forgotten_sender");
  EXPECT_EQ(s["verdict"], "leak");
  EXPECT_GE(s["executions"].get<int>(), 1);
  EXPECT_EQ(s["exhaustive"], false);
  ASSERT_TRUE(s["violations"].is_array());
  ASSERT_GE(s["violations"].size(), 1u);
  const auto& v = s["violations"][0];
  EXPECT_EQ(v["token"].get<std::string>().rfind("cc2-", 0), 0u) << v.dump();
  EXPECT_EQ(v["file"], "examples/seed/forgotten_sender.cpp");
  EXPECT_EQ(v["line"].get<unsigned>(), seed::send_line);
  // The token in the JSON is the one the text report prints.
  EXPECT_NE(out.find(v["token"].get<std::string>()), std::string::npos) << out;
}

// The reports CI reads say what the summary line says: a sampling search's seed (a
// run with another seed is another search); the JSON counts dpor's redundant runs.
TEST(Cli, ReportsNameASamplingSearchsSeedAndCountDporsRedundantRuns) {
  const std::string xml = temp_path("seed.xml"), json = temp_path("seed.json");
  auto text_of = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  std::string out;
  ASSERT_EQ(cli("run seed/forgotten_sender --strategy random --seed 7 --report junit:" + xml + " --json " + json, out),
            1);
  EXPECT_NE(out.find("(random, time any, seed 7)"), std::string::npos) << out;
  EXPECT_NE(text_of(xml).find("(random, time any, seed 7)"), std::string::npos) << text_of(xml);
  EXPECT_FALSE(read_json(json)["scenarios"][0].contains("redundant"));
  ASSERT_EQ(cli("run patterns/double_close_fixed --strategy dpor --report junit:" + xml + " --json " + json, out), 0);
  EXPECT_EQ(text_of(xml).find("seed"), std::string::npos) << text_of(xml);
  EXPECT_EQ(read_json(json)["scenarios"][0].value("redundant", -1), 0);
  std::filesystem::remove(xml);
  std::filesystem::remove(json);
}

TEST(Cli, RunJsonOfAPassSaysExhaustive) {
  std::string path = temp_path("pass.json"), out;
  ASSERT_EQ(cli("run seed/buffered_fix seed/sequential --json " + path, out), 0);
  auto j = read_json(path);
  std::filesystem::remove(path);
  ASSERT_EQ(j["scenarios"].size(), 2u);
  for (const auto& s : j["scenarios"]) {
    EXPECT_EQ(s["verdict"], "pass") << s.dump();
    EXPECT_EQ(s["exhaustive"], true) << s.dump();
    EXPECT_TRUE(s["violations"].empty()) << s.dump();
  }
}

TEST(Cli, ReplayIsByteIdenticalAndExitsOne) {
  std::string token = forgotten_sender_token();
  ASSERT_EQ(token.rfind("cc2-", 0), 0u) << token;
  std::string first, second;
  EXPECT_EQ(cli("replay seed/forgotten_sender " + token, first), 1);
  EXPECT_EQ(cli("replay seed/forgotten_sender " + token, second), 1);
  EXPECT_EQ(first, second);
  EXPECT_NE(first.find("replay of seed/forgotten_sender: leak"), std::string::npos) << first;
  EXPECT_NE(first.find("examples/seed/forgotten_sender.cpp:" + std::to_string(seed::send_line)), std::string::npos)
      << first;
}

TEST(Cli, RunExpectedOverAllScenariosExitsZero) {
  // Every registered scenario has its declared verdict. The budget keeps the test
  // fast whatever scenarios the catalog grows: a bounded pass still counts as a pass.
  std::string out;
  EXPECT_EQ(cli("run --expected --no-time --budget 2s", out), 0) << out;
  EXPECT_EQ(out.find("UNEXPECTED"), std::string::npos) << out;
  for (const char* name : {"seed/leak", "seed/forgotten_sender", "seed/buffered_fix", "seed/sequential"})
    EXPECT_NE(out.find(std::string(name) + ": "), std::string::npos) << name << " was not run:\n" << out;
}

TEST(Cli, RunExpectedOverTheSeedsIsExhaustive) {
  std::string out;
  EXPECT_EQ(cli("run 'seed/*' --expected --no-time", out), 0) << out;
  EXPECT_EQ(out.find("UNEXPECTED"), std::string::npos) << out;
  EXPECT_EQ(out.find("not exhaustive"), std::string::npos) << out;
}

/// Bad input: exit 2, nothing on stdout but a message on stderr that contains `says`.
void expect_bad_usage(const std::string& args, const std::string& says) {
  std::string err, out;
  EXPECT_EQ(cli_stderr(args, err), 2) << args;
  EXPECT_NE(err.find(says), std::string::npos) << args << ": stderr was:\n" << err;
  EXPECT_EQ(cli(args, out), 2) << args;
}

TEST(Cli, UnknownFlagIsBadUsage) { expect_bad_usage("run --no-such-flag", "--no-such-flag"); }

TEST(Cli, UnknownScenarioIsBadUsage) {
  expect_bad_usage("run seed/no_such_scenario", "no scenario matches \"seed/no_such_scenario\"");
  expect_bad_usage("replay seed/no_such_scenario cc2-aaaaaaaaaaaa", "no scenario is named \"seed/no_such_scenario\"");
}

TEST(Cli, MalformedTokenIsBadUsage) {
  expect_bad_usage("replay seed/forgotten_sender not-a-token", "not a chancheck replay token");
}

TEST(Cli, TokenWithAFlippedCharacterFailsItsChecksum) {
  std::string token = forgotten_sender_token();
  ASSERT_GT(token.size(), 12u);
  std::size_t i = token.size() / 2;
  token[i] = token[i] == 'a' ? 'b' : 'a';
  expect_bad_usage("replay seed/forgotten_sender " + token, "checksum");
}

TEST(Cli, TokenOfAnotherScenarioIsBadUsage) {
  std::string token = forgotten_sender_token();
  ASSERT_FALSE(token.empty());
  expect_bad_usage("replay seed/leak " + token, "another scenario");
}

TEST(Cli, TruncatedTokenIsBadUsage) {
  std::string token = forgotten_sender_token();
  ASSERT_GT(token.size(), 10u);
  std::string err;
  EXPECT_EQ(cli_stderr("replay seed/forgotten_sender " + token.substr(0, token.size() - 3), err), 2);
  EXPECT_NE(err.find("copy the whole token"), std::string::npos) << err;
  EXPECT_EQ(cli_stderr("replay seed/forgotten_sender " + token.substr(0, 8), err), 2);
  EXPECT_NE(err.find("copy the whole token"), std::string::npos) << err;
}

TEST(Cli, GarbageBudgetIsBadUsage) {
  expect_bad_usage("run seed/sequential --budget soon", "--budget \"soon\" is not a duration");
  expect_bad_usage("run seed/sequential --budget 10parsecs", "--budget \"10parsecs\" is not a duration");
}

TEST(Cli, UnknownStrategyIsBadUsage) { expect_bad_usage("run seed/sequential --strategy telepathy", "telepathy"); }

TEST(Cli, EveryOfferedStrategyFindsTheLeak) {
  std::size_t offered = 0;
  for (const strategy_entry& e : strategy_entries()) {
    if (!e.offered) continue;
    ++offered;
    const std::string name(e.name);
    std::string out;
    EXPECT_EQ(cli("run seed/leak --no-time --strategy " + name, out), 1) << name << ":\n" << out;
    EXPECT_NE(out.find("FAIL seed/leak: leak found in execution"), std::string::npos) << name << ":\n" << out;
    EXPECT_NE(out.find("(" + name + ", time any"), std::string::npos) << name << ":\n" << out;
  }
  EXPECT_GE(offered, 5u);
}

TEST(Cli, UnknownStrategyListsTheOfferedNames) {
  for (const strategy_entry& e : strategy_entries())
    if (e.offered) expect_bad_usage("run seed/leak --strategy telepathy", std::string(e.name));
  expect_bad_usage("run seed/leak --strategy telepathy", "choose one of dpor, dfs, random, pct, portfolio, bounded");
}

TEST(Cli, InternalStrategyIsNotAChoice) {
  for (const strategy_entry& e : strategy_entries())
    if (!e.offered) expect_bad_usage("run seed/leak --strategy " + std::string(e.name), "is internal, not a choice");
  expect_bad_usage("run seed/leak --strategy replay", "is internal, not a choice");
}

TEST(Cli, HelpDescribesEveryOfferedStrategy) {
  std::string out;
  EXPECT_EQ(cli("run --help", out), 0);
  for (const strategy_entry& e : strategy_entries())
    EXPECT_EQ(out.find(std::string(e.name) + ": " + std::string(e.description)) != std::string::npos, e.offered)
        << e.name << " in:\n"
        << out;
}

TEST(Cli, JsonIntoAMissingFolderIsBadUsage) {
  std::string path = temp_path("no_such_folder") + "/result.json";
  expect_bad_usage("run seed/sequential --json " + path, "cannot write --json \"" + path + "\": the folder");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Cli, NoSubcommandIsBadUsage) {
  std::string err;
  EXPECT_EQ(cli_stderr("", err), 2);
  EXPECT_FALSE(err.empty());
}

}  // namespace
}  // namespace chancheck::testing
