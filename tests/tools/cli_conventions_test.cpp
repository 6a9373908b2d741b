// cli_conventions_test.cpp: the CLI's conventions, run as a separate process: the
// closing line, --quiet, --verbose, --version, an unknown subcommand, and, under a
// pseudo-terminal, colour (and NO_COLOR) and long traces shortened in the middle.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tools/cli_process.hpp"
#include "tools/console_style.hpp"

namespace chancheck::testing {
namespace {

/// Python that runs argv[1:] on a pseudo-terminal and prints what it wrote there (stdout and stderr).
constexpr const char* pty_runner =
    "import os,pty,sys\n"
    "pid,fd=pty.fork()\n"
    "if pid==0: os.execv(sys.argv[1],sys.argv[1:])\n"
    "out=b''\n"
    "while True:\n"
    "  try: d=os.read(fd,65536)\n"
    "  except OSError: break\n"
    "  if not d: break\n"
    "  out+=d\n"
    "_,st=os.waitpid(pid,0)\n"
    "sys.stdout.buffer.write(out.replace(b'\\r\\n',b'\\n'))\n"
    "sys.exit(os.waitstatus_to_exitcode(st))\n";

/// Runs the CLI with `args` on a pseudo-terminal, with `env` (e.g. "NO_COLOR=1") set and NO_COLOR otherwise unset.
int on_terminal(const std::string& args, std::string& out, const std::string& env = "") {
  static const std::string script = [] {
    auto path = fresh_folder("pty") / "run_in_pty.py";
    std::ofstream(path) << pty_runner;
    return path.string();
  }();
  return run_command("env -u NO_COLOR " + env + " python3 " + script + " " + CHANCHECK_CLI + " " + args, out);
}

int cli(const std::string& args, std::string& out) { return cli_of(CHANCHECK_CLI, args, out); }

std::string last_line(const std::string& text) {
  std::string t = text.substr(0, text.find_last_not_of('\n') + 1);
  return t.substr(t.rfind('\n') + 1);
}

TEST(CliConventions, RunEndsWithAClosingLineOfCounts) {
  std::string out;
  EXPECT_EQ(cli("run seed/leak seed/buffered_fix", out), 1);
  const std::string last = last_line(out);
  EXPECT_EQ(last.rfind("2 scenarios: 1 passed, 1 violation (", 0), 0u) << out;
  EXPECT_EQ(last.substr(last.size() - 2), "s)") << last;
}

TEST(CliConventions, ClosingLineWithoutTimeAndWithExpected) {
  std::string out;
  EXPECT_EQ(cli("run seed/leak seed/buffered_fix --no-time", out), 1);
  EXPECT_EQ(last_line(out), "2 scenarios: 1 passed, 1 violation") << out;
  EXPECT_EQ(cli("run seed/leak seed/buffered_fix --no-time --expected", out), 0);
  EXPECT_EQ(last_line(out), "2 scenarios: 1 passed, 1 violation, 0 unexpected") << out;
  EXPECT_EQ(cli("run seed/buffered_fix --no-time --expected --strategy random --max-executions 1", out), 0);
  EXPECT_EQ(last_line(out), "1 scenario: 1 passed, 0 violations, 0 unexpected") << out;
}

TEST(CliConventions, ExpectedCountsTheUnexpectedVerdicts) {
  std::string out;
  // seed/leak declares a leak: with every step bounded to 1 it ends in a step-limit instead.
  EXPECT_EQ(cli("run seed/leak seed/buffered_fix --no-time --expected --max-steps 1", out), 1);
  EXPECT_EQ(last_line(out), "2 scenarios: 0 passed, 2 violations, 2 unexpected") << out;
}

TEST(CliConventions, QuietPrintsOnlyFailuresAndTheClosingLine) {
  std::string out;
  EXPECT_EQ(cli("run seed/leak seed/buffered_fix --quiet --no-time", out), 1);
  EXPECT_EQ(out.find("PASS seed/buffered_fix"), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL seed/leak"), std::string::npos) << out;
  EXPECT_EQ(last_line(out), "2 scenarios: 1 passed, 1 violation") << out;
}

TEST(CliConventions, VerboseNamesTheOptionsAndDeclarations) {
  std::string out;
  EXPECT_EQ(cli("run seed/buffered_fix --verbose --no-time", out), 0);
  EXPECT_NE(out.find("strategy portfolio, time any, seed 1, max-steps 20000"), std::string::npos) << out;
  EXPECT_NE(out.find("declared: expect pass, at "), std::string::npos) << out;
  EXPECT_NE(out.find("examples/seed/forgotten_sender.cpp:"), std::string::npos) << out;
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, "run seed/buffered_fix --verbose --quiet", err), 2);
}

TEST(CliConventions, VersionComesFromTheProject) {
  std::string out;
  EXPECT_EQ(cli("--version", out), 0);
  EXPECT_EQ(out, std::string("chancheck ") + CHANCHECK_PROJECT_VERSION + "\n");
}

TEST(CliConventions, UnknownSubcommandListsTheSubcommands) {
  std::string err;
  EXPECT_EQ(cli_stderr_of(CHANCHECK_CLI, "frobnicate seed/leak", err), 2);
  EXPECT_NE(err.find("unknown subcommand \"frobnicate\""), std::string::npos) << err;
  EXPECT_NE(err.find("list, run, replay, merge"), std::string::npos) << err;
}

TEST(CliConventions, ColourOnATerminalOnly) {
  std::string out;
  EXPECT_EQ(on_terminal("run seed/leak seed/buffered_fix", out), 1);
  EXPECT_NE(out.find("\x1b[31mFAIL\x1b[0m seed/leak"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[32mPASS\x1b[0m seed/buffered_fix"), std::string::npos) << out;
  EXPECT_EQ(cli("run seed/leak seed/buffered_fix", out), 1);
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(cli("run seed/leak --color always", out), 1);
  EXPECT_NE(out.find("\x1b[31mFAIL\x1b[0m seed/leak"), std::string::npos) << out;
}

/// True when `text` holds an SGR (colour) escape sequence, ESC [ digits-and-semicolons m.
/// The progress line's cursor controls (erase line) are not colour and may appear on
/// a slow run. (No std::regex: GCC 12 warns inside it at -O1, which the sanitizer builds use.)
bool has_colour(const std::string& text) {
  for (std::size_t at = text.find("\x1b["); at != std::string::npos; at = text.find("\x1b[", at + 1)) {
    const std::size_t end = text.find_first_not_of("0123456789;", at + 2);
    if (end != std::string::npos && text[end] == 'm') return true;
  }
  return false;
}

TEST(CliConventions, NoColorAndColorNeverTurnColourOff) {
  std::string out;
  EXPECT_EQ(on_terminal("run seed/leak seed/buffered_fix", out, "NO_COLOR=1"), 1);
  EXPECT_NE(out.find("FAIL seed/leak"), std::string::npos) << out;
  EXPECT_FALSE(has_colour(out)) << out;
  EXPECT_EQ(on_terminal("run seed/leak --color never", out), 1);
  EXPECT_FALSE(has_colour(out)) << out;
  EXPECT_EQ(on_terminal("run seed/leak --expected --max-steps 1", out), 1);
  EXPECT_NE(out.find("\x1b[1;33mUNEXPECTED\x1b[0m"), std::string::npos) << out;
}

TEST(CliConventions, LongTracesAreShortenedOnATerminal) {
  const std::string args = "run patterns/ticker_loop --max-steps 300 --no-time";
  std::string tty, plain, full, forced;
  EXPECT_EQ(on_terminal(args, tty), 1);
  EXPECT_EQ(cli(args, plain), 1);
  EXPECT_EQ(on_terminal(args + " --full-trace", full), 1);
  EXPECT_EQ(cli(args + " --short-trace", forced), 1);
  EXPECT_NE(tty.find(" trace lines omitted (--full-trace, or output to a file or pipe, shows them all) ..."),
            std::string::npos)
      << tty;
  EXPECT_EQ(plain.find("omitted"), std::string::npos);
  EXPECT_EQ(full.find("omitted"), std::string::npos);
  EXPECT_NE(forced.find("omitted"), std::string::npos) << forced;
  EXPECT_LT(tty.size() + 2000, plain.size());
  EXPECT_NE(forced.find("\nreplay: chancheck replay patterns/ticker_loop"), std::string::npos) << forced;
}

TEST(CliConventions, ProgressOnATerminalIsOneLineRedrawnAndErased) {
  std::string out;
  // About two seconds of random sampling: the line appears after the first second.
  EXPECT_EQ(on_terminal("run seed/buffered_fix --strategy random --max-executions 0 --budget 2s --no-time", out), 0);
  const auto drawn = out.find("\r\x1b[K  running seed/buffered_fix: ");
  ASSERT_NE(drawn, std::string::npos) << out;
  EXPECT_NE(out.find(" executions (", drawn), std::string::npos) << out;
  EXPECT_EQ(out.find("still running"), std::string::npos) << out;  // the plain form is for logs
  const auto erased = out.rfind("\r\x1b[K");
  EXPECT_EQ(out.find("\n", drawn), out.find("\n", erased)) << "no line break until the line is erased: " << out;
  EXPECT_NE(out.find("PASS", erased), std::string::npos) << out;
}

/// A trace header and `n` numbered lines.
std::string trace_of(std::size_t n) {
  std::string t = "leak: ...\n\ninterleaving (" + std::to_string(n) + " steps):\n";
  for (std::size_t i = 1; i <= n; ++i) t += "  " + std::to_string(i) + "  t=0ms   main   yield\n";
  return t + "\nreplay: chancheck replay x cc2-abc\n";
}

TEST(CliConventions, ShortenTracesKeepsBothEndsAndCountsTheRest) {
  EXPECT_EQ(detail::shorten_traces(trace_of(30), 10), trace_of(30));  // 3 * keep lines or fewer: as they are
  const std::string s = detail::shorten_traces(trace_of(26677), 10);
  EXPECT_NE(s.find("  10  t=0ms"), std::string::npos);
  EXPECT_EQ(s.find("  11  t=0ms"), std::string::npos);
  EXPECT_NE(s.find("     ... 26,657 trace lines omitted"), std::string::npos) << s;
  EXPECT_EQ(s.find("  26667  t=0ms"), std::string::npos);
  EXPECT_NE(s.find("  26668  t=0ms"), std::string::npos);
  EXPECT_NE(s.find("\nreplay: chancheck replay x cc2-abc\n"), std::string::npos);
  EXPECT_EQ(detail::with_commas(1234567), "1,234,567");
  EXPECT_EQ(detail::with_commas(999), "999");
}

}  // namespace
}  // namespace chancheck::testing

namespace chancheck::testing {
namespace {

TEST(CliConventions, ACrashSummaryReadsAsEveryOtherFailLine) {
  std::string crash, leak;
  EXPECT_EQ(cli_of(CHANCHECK_HOSTILE_CLI, "run hostile/abort --strategy random --seed 7 --no-time", crash), 1);
  EXPECT_EQ(cli_of(CHANCHECK_CLI, "run seed/leak --strategy random --seed 7 --no-time", leak), 1);
  EXPECT_NE(leak.find("FAIL seed/leak: leak found in execution 1 (random, time any, seed 7)\n"), std::string::npos)
      << leak;
  EXPECT_NE(crash.find("FAIL hostile/abort: crash found in execution 1 (random, time any, seed 7)\n"),
            std::string::npos)
      << crash;
  EXPECT_EQ(cli_of(CHANCHECK_HOSTILE_CLI, "run hostile/abort --strategy pct --seed 9", crash), 1);
  EXPECT_NE(crash.find(" (pct, time any, seed 9) ["), std::string::npos) << crash;
}

}  // namespace
}  // namespace chancheck::testing
