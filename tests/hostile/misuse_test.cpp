// misuse_test.cpp: the teardown and misuse scenarios (teardown_scenarios.cpp,
// misuse_scenarios.cpp) through the hostile CLI. A leaked task's destructor, defer
// or catch (...) never runs after the verdict (a plain leak); a kit object made
// outside the execution is reported as misuse naming where it was made and used; a
// kit call from a std::thread is uncontrolled. Each run goes on to the next
// scenario, and a second run prints the same bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <chancheck/chancheck.hpp>

#include "hostile/hostile_cli.hpp"
#include "hostile/hostile_lines.hpp"

namespace chancheck::testing {
namespace {

/// A teardown or misuse scenario and what its report must say.
struct misuse_case {
  const char* scenario;
  const char* kind;      ///< "leak", "misuse" or "uncontrolled"
  const char* task;      ///< the task named ("" for a foreign thread)
  const char* file;      ///< the scenario's file, under tests/hostile/
  unsigned used;         ///< the line reported (where it blocks, or the use)
  unsigned made;         ///< misuse: where the object was made (0: none)
  const char* says;      ///< a phrase of the explanation
  const char* before;    ///< scenarios run before it in the same process ("" for none)
};

const misuse_case cases[] = {
    {"hostile/teardown_throwing_destructor", "leak", "stuck", "teardown_scenarios.cpp",
     hostile::teardown_destructor_recv, 0, "blocked forever in receive", ""},
    {"hostile/teardown_defer_expect", "leak", "stuck", "teardown_scenarios.cpp", hostile::teardown_defer_recv, 0,
     "blocked forever in receive", ""},
    {"hostile/teardown_catch_all", "leak", "stuck", "teardown_scenarios.cpp", hostile::teardown_catch_recv, 0,
     "blocked forever in receive", ""},
    {"hostile/static_chan", "misuse", "main", "misuse_scenarios.cpp", hostile::static_chan_used,
     hostile::static_chan_made, "uses a channel made at", ""},
    {"hostile/static_mutex", "misuse", "main", "misuse_scenarios.cpp", hostile::static_mutex_used,
     hostile::static_mutex_made, "uses a mutex made at", ""},
    {"hostile/local_static_chan", "misuse", "main", "misuse_scenarios.cpp", hostile::local_static_used,
     hostile::local_static_made, "in an earlier execution", ""},
    {"hostile/carry_use", "misuse", "main", "misuse_scenarios.cpp", hostile::carried_used, hostile::carried_made,
     "in an earlier execution", "hostile/carry_make"},
    {"hostile/std_thread_kit", "uncontrolled", "", "misuse_scenarios.cpp", hostile::thread_send, 0,
     "ran on a thread the explorer does not control", ""},
    {"hostile/go_from_std_thread", "uncontrolled", "", "misuse_scenarios.cpp", hostile::thread_go, 0,
     "the go at", ""},
};

class Misuse : public ::testing::TestWithParam<misuse_case> {};

/// The command line of a case: its scenario (after the ones it needs), then a leak.
std::string args_of(const misuse_case& c, const std::string& json) {
  std::string a = "run ";
  if (*c.before) a.append(c.before).append(" ");
  a.append(c.scenario).append(" hostile/leak_after --no-time --watchdog 5s");
  if (*c.before) a.append(" --isolate none");  // the object is carried from one scenario to the next in one process
  if (!json.empty()) a.append(" --json ").append(json);
  return a;
}

TEST_P(Misuse, ReportedWithItsLinesAndTheRunGoesOn) {
  const misuse_case& c = GetParam();
  std::string path = temp_path(std::string(c.scenario).substr(8) + ".json"), out;
  ASSERT_EQ(hostile(args_of(c, path), out), 1) << out;
  const std::string file = std::string("tests/hostile/") + c.file;
  // In the search's execution or in one of the default portfolio's pct samples.
  EXPECT_NE(out.find(std::string("FAIL ") + c.scenario + ": " + c.kind + " found in "), std::string::npos) << out;
  EXPECT_NE(out.find(c.says), std::string::npos) << out;
  EXPECT_NE(out.find(file + ":" + std::to_string(c.used)), std::string::npos) << out;
  if (c.made) {
    EXPECT_NE(out.find("made at " + file + ":" + std::to_string(c.made)), std::string::npos) << out;
  }
  EXPECT_EQ(out.find("std::terminate"), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL hostile/leak_after: leak"), std::string::npos) << out;  // the run went on
  auto j = read_json(path);
  std::filesystem::remove(path);
  const std::size_t at = *c.before ? 1 : 0;
  ASSERT_EQ(j["scenarios"].size(), at + 2) << j.dump(2);
  const auto& s = j["scenarios"][at];
  EXPECT_EQ(s["scenario"], c.scenario);
  EXPECT_EQ(s["verdict"], c.kind);
  const auto& v = s["violations"][0];
  EXPECT_EQ(v["kind"], c.kind);
  EXPECT_EQ(v["line"], c.used);
  EXPECT_EQ(v["file"], file);
  if (*c.task) {
    EXPECT_EQ(v["task"], c.task);
  }
  EXPECT_EQ(j["scenarios"][at + 1]["verdict"], "leak");
}

TEST_P(Misuse, ASecondRunPrintsTheSameBytes) {
  const misuse_case& c = GetParam();
  std::string first, second;
  EXPECT_EQ(hostile(args_of(c, ""), first), 1);
  EXPECT_EQ(hostile(args_of(c, ""), second), 1);
  EXPECT_EQ(first, second);
  EXPECT_NE(first.find(c.kind), std::string::npos) << first;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Misuse, ::testing::ValuesIn(cases),
                         [](const ::testing::TestParamInfo<misuse_case>& i) { return case_name(i.param.scenario); });

// The misuse of a channel kept from an earlier execution depends on the process's
// history, which a token does not carry: its replay (one execution, in a fresh
// process) must not pass silently.
TEST(MisuseReplay, AKeptChannelsTokenNeverReplaysAsAPass) {
  std::string path = temp_path("misuse_token.json"), out;
  ASSERT_EQ(hostile("run hostile/local_static_chan --json " + path, out), 1) << out;
  auto j = read_json(path);
  std::filesystem::remove(path);
  const std::string token = j["scenarios"][0]["violations"][0]["token"].get<std::string>();
  EXPECT_NE(hostile("replay hostile/local_static_chan " + token, out), 0) << out;
  EXPECT_EQ(out.find("PASS"), std::string::npos) << out;
}

chan<int> made_at_static_init = make_chan<int>(1);

TEST(MisuseRealThreads, AChannelMadeAtStaticInitialisationWorksOnRealThreads) {
  auto done = make_chan<int>(0);
  go("sender", [done] {
    made_at_static_init.send(7);
    done.send(1);
  });
  EXPECT_EQ(made_at_static_init.recv().value, 7);
  EXPECT_TRUE(done.recv().ok);
}

}  // namespace
}  // namespace chancheck::testing
