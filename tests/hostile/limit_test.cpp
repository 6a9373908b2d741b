// limit_test.cpp: the task bound. A scenario that starts 100,000 tasks is reported as
// task-limit at the go() past the bound (10,000 by default, --max-tasks N), the run
// goes on, the token carries the bound and replays to the same violation, and bounds
// outside 1..1000000 are refused before anything runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "hostile/hostile_cli.hpp"
#include "hostile/hostile_lines.hpp"

namespace chancheck::testing {
namespace {

const std::string go_line = "tests/hostile/limit_scenarios.cpp:" + std::to_string(hostile::many_tasks_go);

/// Runs hostile/many_tasks (then hostile/leak_after) with `extra`; returns its one violation.
nlohmann::json many_tasks(const std::string& extra, std::string& out) {
  std::string path = temp_path("limit.json");
  EXPECT_EQ(hostile("run hostile/many_tasks hostile/leak_after" + extra + " --json " + path, out), 1) << out;
  auto j = read_json(path);
  std::filesystem::remove(path);
  EXPECT_EQ(j["scenarios"].size(), 2u);
  EXPECT_EQ(j["scenarios"][1]["verdict"], "leak");  // the run went on
  return j["scenarios"][0]["violations"][0];
}

TEST(TaskLimit, TheDefaultBoundIsReportedAtTheGoPastIt) {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "10,000 live fibers under a sanitizer (a ThreadSanitizer context or an AddressSanitizer stack "
                  "each) take minutes and gigabytes; the bound's check is the same at 50 (the next test)";
#endif
  std::string out;
  auto v = many_tasks("", out);
  EXPECT_NE(out.find("FAIL hostile/many_tasks: task-limit found in execution 1"), std::string::npos) << out;
  EXPECT_NE(out.find("the go() at " + go_line + " would start task 10001, past the bound of 10000 tasks"),
            std::string::npos)
      << out;
  EXPECT_EQ(v["kind"], "task-limit");
  EXPECT_EQ(v["task"], "main");
  EXPECT_EQ(v["line"], hostile::many_tasks_go);
}

TEST(TaskLimit, TheBoundIsAnOptionAndTheTokenCarriesIt) {
  std::string out;
  auto v = many_tasks(" --max-tasks 50", out);
  EXPECT_NE(out.find("would start task 51, past the bound of 50 tasks"), std::string::npos) << out;
  const std::string token = v["token"];
  std::string replayed;
  EXPECT_EQ(hostile("replay hostile/many_tasks " + token, replayed), 1) << replayed;
  EXPECT_NE(replayed.find("would start task 51, past the bound of 50 tasks"), std::string::npos) << replayed;
  std::string again;
  EXPECT_EQ(hostile("replay hostile/many_tasks " + token, again), 1);
  EXPECT_EQ(replayed, again);  // byte for byte
}

TEST(TaskLimit, BoundsOutsideTheRangeAreRefused) {
  for (const char* bad : {"0", "1000001", "-1", "ten", ""}) {
    std::string out;
    EXPECT_EQ(hostile(std::string("run hostile/leak_after --max-tasks '") + bad + "'", out), 2) << bad;
    EXPECT_EQ(out.find("leak"), std::string::npos) << bad << ": nothing may run";
  }
}

}  // namespace
}  // namespace chancheck::testing
