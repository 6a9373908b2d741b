// expectation_test.cpp: what each declared expectation accepts. Every kind accepts
// only the verdict of its own name, except expected::blocking, which accepts a leak
// or a deadlock; the CLI lists it as "blocking", `run --expected` accepts either
// verdict for it, and the JSON spells it "blocking".
#include <gtest/gtest.h>

#include <string>

#include <chancheck/chancheck.hpp>
#include "tools/cli_process.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

const expected every_kind[] = {expected::pass,      expected::leak,      expected::deadlock,   expected::panic,
                               expected::exception, expected::assertion, expected::step_limit, expected::blocking};
const char* const every_verdict[] = {"pass",      "leak",       "deadlock", "panic",        "exception",
                                     "assertion", "step-limit", "misuse",   "uncontrolled", "error"};

TEST(Expectations, EachKindIsSpelledAsItsVerdict) {
  const char* words[] = {"pass", "leak", "deadlock", "panic", "exception", "assertion", "step-limit", "blocking"};
  for (std::size_t i = 0; i < std::size(every_kind); ++i) EXPECT_STREQ(to_string(every_kind[i]), words[i]);
}

TEST(Expectations, AnExactKindAcceptsOnlyItsOwnVerdict) {
  for (expected e : every_kind) {
    if (e == expected::blocking) continue;
    for (const char* v : every_verdict) EXPECT_EQ(verdict_accepted(to_string(e), v), to_string(e) == std::string(v));
  }
}

TEST(Expectations, BlockingAcceptsALeakOrADeadlockAndNothingElse) {
  for (const char* v : every_verdict) {
    const bool blocking = std::string(v) == "leak" || std::string(v) == "deadlock";
    EXPECT_EQ(verdict_accepted("blocking", v), blocking) << v;
  }
}

TEST(Expectations, AsExpectedJudgesRealOutcomes) {
  auto leak = explore_body([] {
    auto c = make_chan<int>();
    go("stuck", [c] { (void)c.recv(); });
  });
  auto deadlock = explore_body([] { (void)make_chan<int>().recv(); });
  auto pass = explore_body([] {});
  ASSERT_EQ(verdict_of(leak), "leak");
  ASSERT_EQ(verdict_of(deadlock), "deadlock");
  EXPECT_TRUE(as_expected(leak, expected::blocking));
  EXPECT_TRUE(as_expected(deadlock, expected::blocking));
  EXPECT_FALSE(as_expected(pass, expected::blocking));
  EXPECT_TRUE(as_expected(leak, expected::leak));
  EXPECT_FALSE(as_expected(deadlock, expected::leak));
  EXPECT_FALSE(as_expected(leak, expected::deadlock));
}

// timers/ticker_shutdown declares expected::blocking; it shows as a leak or a deadlock.
TEST(Expectations, TheCliListsRunsAndWritesBlocking) {
  std::string out;
  ASSERT_EQ(cli_of(CHANCHECK_CLI, "list", out), 0);
  EXPECT_NE(out.find("timers/ticker_shutdown                   expect blocking"), std::string::npos) << out;
  auto dir = fresh_folder("expect_blocking");
  for (const char* strategy : {"dpor", "dfs"}) {
    const std::string json = (dir / (std::string(strategy) + ".json")).string();
    const std::string args = std::string("run timers/ticker_shutdown --expected --strategy ") + strategy;
    EXPECT_EQ(cli_of(CHANCHECK_CLI, args + " --json " + json, out), 0) << out;
    EXPECT_NE(out.find("(as expected)"), std::string::npos) << out;
    const auto s = read_json_file(json).at("scenarios").at(0);
    EXPECT_EQ(s.at("expected"), "blocking");
    EXPECT_TRUE(s.at("verdict") == "leak" || s.at("verdict") == "deadlock") << s.at("verdict");
  }
  std::string list_json;
  ASSERT_EQ(cli_of(CHANCHECK_CLI, "list --format json", list_json), 0);
  bool listed = false;
  for (const auto& e : nlohmann::json::parse(list_json))
    if (e.at("name") == "timers/ticker_shutdown") listed = e.at("expected") == "blocking";
  EXPECT_TRUE(listed) << list_json;
}

// Both verdicts occur: seeded random executions (the same seeds every run) meet each.
TEST(Expectations, TheBlockingScenarioShowsAsALeakAndAsADeadlock) {
  const scenario_info* s = find_scenario("timers/ticker_shutdown");
  ASSERT_NE(s, nullptr);
  bool leak = false, deadlock = false;
  for (std::uint64_t seed = 1; seed <= 40 && !(leak && deadlock); ++seed) {
    auto out = check_scenario(*s, random_search(seed, 1));
    leak = leak || verdict_of(out) == "leak";
    deadlock = deadlock || verdict_of(out) == "deadlock";
  }
  EXPECT_TRUE(leak);
  EXPECT_TRUE(deadlock);
}

}  // namespace
}  // namespace chancheck::testing
