// cli_progress_test.cpp: the progress of a long scenario, off a terminal: plain lines
// on stderr at the (hidden) --progress-interval, none on stdout or in the JSON, none
// with --quiet.
#include <gtest/gtest.h>

#include <string>

#include "tools/cli_process.hpp"

namespace chancheck::testing {
namespace {

/// A search that runs for about a second: random sampling with no execution bound, ended by its budget.
const std::string long_run = "run seed/buffered_fix --strategy random --max-executions 0 --budget 1s";

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CliProgress, PlainLinesOnStderrOffATerminal) {
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, long_run + " --progress-interval 100ms", err), 0);
  EXPECT_GE(count_of(err, "chancheck: still running seed/buffered_fix: "), 2u) << err;
  EXPECT_NE(err.find(" executions ("), std::string::npos) << err;
  EXPECT_NE(err.find("/s), "), std::string::npos) << err;
}

TEST(CliProgress, NeverOnStdoutOrInTheJson) {
  auto dir = fresh_folder("progress");
  std::string out;
  EXPECT_EQ(cli_of(CHANCHECK_CLI, long_run + " --progress-interval 100ms --json " + (dir / "r.json").string(), out), 0);
  EXPECT_EQ(out.find("still running"), std::string::npos) << out;
  EXPECT_EQ(read_text(dir / "r.json").find("still running"), std::string::npos);
}

TEST(CliProgress, QuietTurnsItOff) {
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, long_run + " --progress-interval 100ms --quiet", err), 0);
  EXPECT_EQ(err.find("still running"), std::string::npos) << err;
}

TEST(CliProgress, BadIntervalIsBadUsage) {
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, "run seed/leak --progress-interval soon", err), 2);
  EXPECT_NE(err.find("--progress-interval \"soon\" is not a duration"), std::string::npos) << err;
}

}  // namespace
}  // namespace chancheck::testing
