// check_test.cpp: check() finds the seed's forgotten sender in this process, with
// the report the CLI prints and a token; the fixed twin passes; replay() of the
// token (given or read from a file) shows the same violation; bad input is a clear error.
#include <gtest/gtest.h>

#include <chancheck/check.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck;

namespace {

void leaky() { seed::process("gophers", 0, 200ms); }
void fixed() { seed::process("gophers", 1, 200ms); }

check_options named(const char* name) {
  check_options o;
  o.name = name;
  o.use_environment = false;
  return o;
}

TEST(Check, FindsTheForgottenSenderWithItsLineReportAndToken) {
  check_result r = check(leaky, named("seed/process"));
  EXPECT_EQ(r.verdict, "leak");
  ASSERT_EQ(r.violations.size(), 1u) << r.report;
  const check_violation& v = r.violations[0];
  EXPECT_EQ(v.kind, violation_kind::leak);
  EXPECT_STREQ(to_string(v.kind), "leak");
  EXPECT_EQ(v.task, "search");
  EXPECT_EQ(v.line, seed::send_line);
  EXPECT_TRUE(v.file.ends_with("examples/seed/forgotten_sender.cpp")) << v.file;
  EXPECT_EQ(v.record.loc.line, seed::send_line);
  EXPECT_FALSE(r.passed());
  EXPECT_FALSE(r.replayed);
  EXPECT_GT(r.executions, 0u);
  EXPECT_EQ(r.token.rfind("cc2-", 0), 0u) << r.token;
  EXPECT_EQ(r.report.rfind("FAIL seed/process: leak found", 0), 0u) << r.report;
  EXPECT_NE(r.report.find("forgotten_sender.cpp:" + std::to_string(seed::send_line)), std::string::npos) << r.report;
  EXPECT_NE(r.report.find("CHANCHECK_REPLAY=" + r.token), std::string::npos) << r.report;
  EXPECT_EQ(r.report.find("chancheck replay seed/process"), std::string::npos) << r.report;
}

TEST(Check, TheFixedTwinPassesExhaustively) {
  check_result r = check(fixed, named("seed/process_fixed"));
  EXPECT_TRUE(r.passed()) << r.report;
  EXPECT_EQ(r.verdict, "pass");
  EXPECT_TRUE(r.exhaustive);
  EXPECT_TRUE(r.token.empty());
  EXPECT_EQ(r.report.rfind("PASS seed/process_fixed", 0), 0u) << r.report;
}

TEST(Check, SameOptionsGiveTheSameBytes) {
  check_options o = named("seed/process");
  o.strategy = "random";
  o.seed = 7;
  o.max_executions = 200;
  check_result a = check(leaky, o), b = check(leaky, o);
  EXPECT_EQ(a.report, b.report);
  EXPECT_EQ(a.token, b.token);
}

TEST(Check, ReplayOfTheTokenShowsTheSameViolation) {
  check_result found = check(leaky, named("seed/process"));
  ASSERT_FALSE(found.passed());
  check_result again = replay(leaky, found.token, "seed/process");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.verdict, "leak");
  ASSERT_EQ(again.violations.size(), 1u) << again.report;
  EXPECT_EQ(again.violations[0].line, found.violations[0].line);
  EXPECT_EQ(again.violations[0].task, found.violations[0].task);
  EXPECT_EQ(again.violations[0].message, found.violations[0].message);
  EXPECT_EQ(again.token, found.token);
  EXPECT_EQ(again.executions, 1u);
  EXPECT_EQ(again.report.rfind("replay of seed/process: leak", 0), 0u) << again.report;
}

TEST(Check, ReplayReadsTheTokenFromAFile) {
  check_result found = check(leaky, named("seed/process"));
  const auto path = std::filesystem::temp_directory_path() / ("chancheck_check_token_" + std::to_string(::getpid()));
  std::ofstream(path) << found.token << "\n";
  check_result again = replay(leaky, "@" + path.string(), "seed/process");
  std::filesystem::remove(path);
  ASSERT_EQ(again.violations.size(), 1u) << again.report;
  EXPECT_EQ(again.violations[0].line, seed::send_line);
}

TEST(Check, ReplayOfTheBugsTokenOnTheFixPasses) {
  check_result found = check(leaky, named("seed/process"));
  check_result on_fix = replay(fixed, found.token, "seed/process");
  EXPECT_TRUE(on_fix.passed()) << on_fix.report;
}

TEST(Check, ATokenForAnotherNameIsAClearError) {
  check_result found = check(leaky, named("seed/process"));
  try {
    replay(leaky, found.token, "seed/other");
    FAIL() << "a token made for seed/process replayed against seed/other";
  } catch (const check_error& e) {
    EXPECT_NE(std::string(e.what()).find("made for another scenario"), std::string::npos) << e.what();
  }
}

TEST(Check, BadTokensAndOptionsAreClearErrors) {
  EXPECT_THROW(replay(leaky, "cc2-garbage"), check_error);
  EXPECT_THROW(replay(leaky, "@/nonexistent/token.txt"), check_error);
  check_options o = named("x");
  o.strategy = "fastest";
  try {
    check(leaky, o);
    FAIL() << "an unknown strategy was accepted";
  } catch (const check_error& e) {
    EXPECT_NE(std::string(e.what()).find("dpor"), std::string::npos) << e.what();
  }
  o = named("x");
  o.max_steps = 0;
  EXPECT_THROW(check(leaky, o), check_error);
  EXPECT_THROW(check(std::function<void()>{}, named("x")), check_error);
}

}  // namespace
