// cli_input_test.cpp: every value `run` and `replay` take is checked at the edge,
// before any scenario runs: each bad one exits 2 with a message that names its
// option, and a replay token can come from a file (@FILE) or standard input (-).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tools/cli_process.hpp"

namespace chancheck::testing {
namespace {

int cli(const std::string& args, std::string& out) { return cli_of(CHANCHECK_CLI, args, out); }

/// `args` exits 2 before any scenario runs (nothing on stdout), and stderr says `says`.
void expect_rejected(const std::string& args, const std::string& says) {
  std::string err, out;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, args, err), 2) << args;
  EXPECT_NE(err.find(says), std::string::npos) << args << ": stderr was:\n" << err;
  EXPECT_EQ(cli(args, out), 2) << args;
  EXPECT_EQ(out, "") << args << ": a scenario ran";
}

TEST(CliInput, DurationsAreGoDurations) {
  for (const char* bad : {"''", "1e99s", "inf", "nan", "nans", "0x2s", "-1s", "0s", "1h30", "10", "2562048h"}) {
    const std::string value = std::string(bad) == "''" ? "" : bad;
    expect_rejected(std::string("run seed/sequential --budget ") + bad, "--budget \"" + value + "\" is not a duration");
    expect_rejected(std::string("run seed/sequential --watchdog ") + bad,
                    "--watchdog \"" + value + "\" is not a duration");
  }
  expect_rejected("replay seed/sequential cc2-x --watchdog 0x2s", "--watchdog \"0x2s\" is not a duration");
}

TEST(CliInput, GoDurationsAndTinyBudgetsAreAccepted) {
  std::string out;
  EXPECT_EQ(cli("run seed/buffered_fix --budget 1h30m --watchdog 1m30s", out), 0) << out;
  EXPECT_NE(out.find("exhaustive: every interleaving"), std::string::npos) << out;
  // Below a millisecond rounds up to one: a budget, never "no budget".
  EXPECT_EQ(cli("run seed/buffered_fix --budget 0.1ms", out), 0) << out;
  EXPECT_NE(out.find("PASS seed/buffered_fix"), std::string::npos) << out;
}

TEST(CliInput, WholeNumbersAreDigitsInTheirRange) {
  const struct {
    const char* option;
    const char* bad;
    const char* range;
  } cases[] = {
      {"--seed", "-1", "from 0 to 18446744073709551615"},
      {"--seed", "18446744073709551616", "from 0 to 18446744073709551615"},
      {"--seed", "0x10", "from 0 to 18446744073709551615"},
      {"--max-executions", "-1", "from 0 to 18446744073709551615"},
      {"--max-executions", "1e3", "from 0 to 18446744073709551615"},
      {"--max-steps", "0", "from 1 to 100000000"},
      {"--max-steps", "100000001", "from 1 to 100000000"},
      {"--depth", "0", "from 1 to 64"},
      {"--depth", "65", "from 1 to 64"},
      {"--preemptions", "65", "from 0 to 64"},
      {"--preemptions", "two", "from 0 to 64"},
      {"--tick-budget", "65", "from 0 to 64"},
      {"--tick-budget", "-1", "from 0 to 64"},
  };
  for (const auto& c : cases)
    expect_rejected(std::string("run seed/sequential ") + c.option + " " + c.bad,
                    std::string(c.option) + " takes a whole number " + c.range + ", written in digits; \"" + c.bad +
                        "\" is not one");
}

TEST(CliInput, ZeroExecutionsMeansNoBound) {
  std::string out;
  EXPECT_EQ(cli("run seed/buffered_fix --strategy random --max-executions 0 --budget 200ms --no-time", out), 0);
  EXPECT_NE(out.find("not exhaustive: stopped by --budget"), std::string::npos) << out;
}

TEST(CliInput, OutputPathsAreCheckedBeforeAnyScenario) {
  expect_rejected("run seed/sequential --json /nonexistent/x", "cannot write --json \"/nonexistent/x\"");
  expect_rejected("run --json seed/leak", "--json \"seed/leak\" names a scenario");
  expect_rejected("run seed/sequential --json ''", "--json needs a file name");
  auto dir = fresh_folder("paths");
  expect_rejected("run seed/sequential --json " + dir.string(), "is a folder");
  expect_rejected("replay seed/sequential cc2-x --json /nonexistent/x", "cannot write --json \"/nonexistent/x\"");
}

/// The token of seed/forgotten_sender's leak, from a JSON result.
std::string forgotten_sender_token(const std::filesystem::path& dir) {
  std::string out;
  if (cli("run seed/forgotten_sender --json " + (dir / "token.json").string(), out) != 1) return "";
  return read_json_file(dir / "token.json")["scenarios"][0]["violations"][0]["token"].get<std::string>();
}

TEST(CliInput, ATokenReplaysFromAFileAndFromStandardInput) {
  auto dir = fresh_folder("token");
  const std::string token = forgotten_sender_token(dir);
  ASSERT_EQ(token.rfind("cc2-", 0), 0u) << token;
  std::ofstream(dir / "token.txt") << "  " << token << "\n";
  std::string direct, from_file, from_stdin;
  EXPECT_EQ(cli("replay seed/forgotten_sender " + token, direct), 1);
  EXPECT_NE(direct.find("replay of seed/forgotten_sender: leak"), std::string::npos) << direct;
  EXPECT_EQ(cli("replay seed/forgotten_sender @" + (dir / "token.txt").string(), from_file), 1);
  EXPECT_EQ(from_file, direct);
  EXPECT_EQ(
      run_command("printf '%s\\n' " + token + " | " + CHANCHECK_CLI + " replay seed/forgotten_sender - 2>/dev/null",
                  from_stdin),
      1);
  EXPECT_EQ(from_stdin, direct);
}

TEST(CliInput, AMissingOrEmptyTokenIsBadUsage) {
  auto dir = fresh_folder("no_token");
  expect_rejected("replay seed/forgotten_sender @" + (dir / "missing").string(), "cannot read the token file");
  std::string err;
  EXPECT_EQ(run_command(std::string(CHANCHECK_CLI) + " replay seed/forgotten_sender - </dev/null 2>&1 >/dev/null", err),
            2);
  EXPECT_NE(err.find("the token is empty"), std::string::npos) << err;
}

// A replay must run under the tick budget the token was found with: the token carries it.
TEST(CliInput, ATokenCarriesTheTickBudgetOfItsRun) {
  auto dir = fresh_folder("ticks");
  auto token_of = [&](const std::string& flags) {
    std::string out;
    EXPECT_EQ(cli("run patterns/ticker_worker_leak " + flags + " --json " + (dir / "t.json").string(), out), 1) << out;
    return read_json_file(dir / "t.json")["scenarios"][0]["violations"][0]["token"].get<std::string>();
  };
  const std::string one = token_of("--tick-budget 1"), plain = token_of("");
  EXPECT_NE(one, plain);
  std::string replayed;
  EXPECT_EQ(cli("replay patterns/ticker_worker_leak " + one, replayed), 1) << replayed;
  EXPECT_NE(replayed.find("replay of patterns/ticker_worker_leak: leak"), std::string::npos) << replayed;
}

// A proof of a program with a live ticker holds up to the tick budget, and says so.
TEST(CliInput, AProofUpToTheTickBudgetSaysSo) {
  auto dir = fresh_folder("held");
  std::string out;
  EXPECT_EQ(cli("run patterns/ticker_loop_fixed seed/buffered_fix --no-time --json " + (dir / "r.json").string(), out),
            0)
      << out;
  EXPECT_NE(out.find("up to 3 early ticks per ticker: later ticks waited for every task (--tick-budget)"),
            std::string::npos)
      << out;
  const auto j = read_json_file(dir / "r.json")["scenarios"];
  EXPECT_EQ(j[0]["scenario"], "patterns/ticker_loop_fixed");
  EXPECT_EQ(j[0].value("ticks_held", false), true);
  EXPECT_EQ(j[0]["tick_budget"], 3);
  EXPECT_FALSE(j[1].contains("ticks_held")) << j[1].dump();
}

TEST(CliInput, HelpSaysTheExitCodesAndTheTokenSources) {
  std::string out;
  EXPECT_EQ(cli("run --help", out), 0);
  EXPECT_NE(out.find("130 stopped by SIGINT, 143 stopped by SIGTERM"), std::string::npos) << out;
  EXPECT_NE(out.find("below 1ms rounds up to 1ms"), std::string::npos) << out;
  EXPECT_EQ(cli("replay --help", out), 0);
  EXPECT_NE(out.find("@FILE"), std::string::npos) << out;
  EXPECT_NE(out.find("130 stopped by SIGINT"), std::string::npos) << out;
}

}  // namespace
}  // namespace chancheck::testing
