// json_bytes_test.cpp: text that is not UTF-8 in a task name or a panic message never
// stops the JSON result from being written: the bytes are replaced by U+FFFD, whether
// the child reported the scenario, the parent built a crash report, or one process ran it.
#include <gtest/gtest.h>

#include <string>

#include "tools/cli_process.hpp"

namespace chancheck::testing {
namespace {

const std::string replacement = "\xef\xbf\xbd";  // U+FFFD in UTF-8

nlohmann::json run_hostile(const std::string& args, int code) {
  auto dir = fresh_folder("bytes");
  std::string out;
  EXPECT_EQ(cli_of(CHANCHECK_HOSTILE_CLI, args + " --json " + (dir / "r.json").string(), out), code) << out;
  return read_json_file(dir / "r.json");  // throws when the file is missing or not valid JSON
}

TEST(JsonBytes, APanicMessageAndTaskNameThatAreNotUtf8AreEscaped) {
  for (const char* isolate : {"process", "none"}) {
    auto j = run_hostile(std::string("run hostile/non_utf8_panic hostile/leak_after --isolate ") + isolate, 1);
    ASSERT_EQ(j["scenarios"].size(), 2u) << isolate;
    const auto& v = j["scenarios"][0]["violations"][0];
    EXPECT_EQ(j["scenarios"][0]["verdict"], "panic") << isolate;
    EXPECT_EQ(v["task"], "caf" + replacement) << isolate;
    EXPECT_NE(v["message"].get<std::string>().find("bytes " + replacement + replacement + " are not UTF-8"),
              std::string::npos)
        << v.dump();
    EXPECT_EQ(j["scenarios"][1]["verdict"], "leak") << isolate;  // and the run went on
  }
}

TEST(JsonBytes, ACrashInATaskWhoseNameIsNotUtf8IsEscaped) {
  auto j = run_hostile("run hostile/non_utf8_crash hostile/leak_after", 1);
  ASSERT_EQ(j["scenarios"].size(), 2u);
  const auto& v = j["scenarios"][0]["violations"][0];
  EXPECT_EQ(v["kind"], "crash");
  EXPECT_EQ(v["task"], "caf" + replacement + "-" + replacement);
  EXPECT_NE(v["message"].get<std::string>().find("caf" + replacement), std::string::npos) << v.dump();
}

}  // namespace
}  // namespace chancheck::testing
