// environment_test.cpp: the CHANCHECK_* variables override check()'s options, and
// a bad value is an error that names the variable and what to write, never ignored.
#include <gtest/gtest.h>

#include <chancheck/check.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "examples/seed/forgotten_sender.hpp"
#include "tests/check/scoped_env.hpp"

using namespace chancheck;
using chancheck_test::scoped_env;

namespace {

void leaky() { seed::process("gophers", 0, 200ms); }

check_options named(const char* name) {
  check_options o;
  o.name = name;
  return o;
}

/// The what() of the check_error check() throws, or "" when it throws none.
std::string error_of(const check_options& o) {
  try {
    check(leaky, o);
  } catch (const check_error& e) {
    return e.what();
  }
  return "";
}

TEST(Environment, MaxExecutionsAndStrategyTakeEffect) {
  auto fixed = [] { seed::process("gophers", 1, 200ms); };
  check_options o = named("env/fixed");
  check_result free = check(fixed, o);
  EXPECT_TRUE(free.exhaustive) << free.report;
  scoped_env strategy("CHANCHECK_STRATEGY", "random");
  scoped_env executions("CHANCHECK_MAX_EXECUTIONS", "3");
  check_result r = check(fixed, o);
  EXPECT_EQ(r.executions, 3u) << r.report;
  EXPECT_FALSE(r.exhaustive);
  EXPECT_NE(r.report.find("random"), std::string::npos) << r.report;
}

TEST(Environment, MaxStepsTakesEffect) {
  auto spin = [] {
    auto ch = make_chan<int>(1);
    for (int i = 0; i < 50; ++i) {
      ch.send(i);
      ch.recv();
    }
  };
  EXPECT_TRUE(check(spin, named("env/spin")).passed());
  scoped_env steps("CHANCHECK_MAX_STEPS", "10");
  check_result r = check(spin, named("env/spin"));
  EXPECT_EQ(r.verdict, "step-limit") << r.report;
}

TEST(Environment, SeedChangesTheRandomSearch) {
  check_options o = named("seed/process");
  o.strategy = "random";
  o.max_executions = 1;
  std::string seeds;
  for (const char* seed : {"1", "2", "3", "4", "5", "6"}) {
    scoped_env s("CHANCHECK_SEED", seed);
    seeds += check(leaky, o).passed() ? 'p' : 'f';
  }
  // One random execution either leaks or not; six seeds that all agree would mean the seed was ignored.
  EXPECT_NE(seeds.find('p'), std::string::npos) << seeds;
  EXPECT_NE(seeds.find('f'), std::string::npos) << seeds;
}

TEST(Environment, TimeExactTakesEffect) {
  // Under `exact`, the 100ms timeout never fires before a 50ms search has sent: no leak.
  auto quick = [] { seed::process("gophers", 0, 50ms); };
  EXPECT_FALSE(check(quick, named("env/quick")).passed());
  scoped_env time("CHANCHECK_TIME", "exact");
  EXPECT_TRUE(check(quick, named("env/quick")).passed());
}

TEST(Environment, ReplayFromTheVariableAndFromAFile) {
  check_result found = check(leaky, named("seed/process"));
  ASSERT_FALSE(found.passed());
  {
    scoped_env replay("CHANCHECK_REPLAY", found.token);
    check_result r = check(leaky, named("seed/process"));
    EXPECT_TRUE(r.replayed);
    EXPECT_EQ(r.executions, 1u);
    ASSERT_EQ(r.violations.size(), 1u) << r.report;
    EXPECT_EQ(r.violations[0].line, seed::send_line);
  }
  const auto path = std::filesystem::temp_directory_path() / ("chancheck_env_token_" + std::to_string(::getpid()));
  std::ofstream(path) << found.token << "\n";
  scoped_env replay("CHANCHECK_REPLAY", "@" + path.string());
  check_result r = check(leaky, named("seed/process"));
  std::filesystem::remove(path);
  EXPECT_TRUE(r.replayed);
  EXPECT_EQ(r.token, found.token);
}

TEST(Environment, BadValuesAreClearErrors) {
  const struct {
    const char* name;
    const char* value;
    const char* says;
  } cases[] = {
      {"CHANCHECK_SEED", "twelve", "whole number"},
      {"CHANCHECK_SEED", "", "whole number"},
      {"CHANCHECK_STRATEGY", "fastest", "dpor"},
      {"CHANCHECK_TIME", "sometimes", "exact"},
      {"CHANCHECK_MAX_EXECUTIONS", "-1", "whole number"},
      {"CHANCHECK_MAX_STEPS", "0", "from 1"},
      {"CHANCHECK_BUDGET", "10", "like 300ms"},
      {"CHANCHECK_REPLAY", "cc2-nonsense", "CHANCHECK_REPLAY"},
      {"CHANCHECK_REPLAY", "@/nonexistent/token", "token file"},
  };
  for (const auto& c : cases) {
    scoped_env bad(c.name, c.value);
    std::string error = error_of(named("seed/process"));
    EXPECT_NE(error.find(c.name), std::string::npos) << c.name << "=" << c.value << ": " << error;
    EXPECT_NE(error.find(c.says), std::string::npos) << c.name << "=" << c.value << ": " << error;
  }
}

TEST(Environment, IgnoredWhenTheOptionsSaySo) {
  scoped_env bad("CHANCHECK_SEED", "twelve");
  check_options o = named("seed/process");
  o.use_environment = false;
  EXPECT_EQ(error_of(o), "");
}

}  // namespace
