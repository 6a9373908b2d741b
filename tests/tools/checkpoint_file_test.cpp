// checkpoint_file_test.cpp: a checkpoint that cannot be written mid-run warns and
// the run goes on; only the first write, before any scenario runs, is bad usage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tools/checkpoint_file.hpp"
#include "tools/cli_options.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {
std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

scenario_report finished_report(const std::string& name) {
  scenario_report r;
  r.verdict = "pass";
  r.as_expected = true;
  r.summary = "PASS " + name;
  r.json = "{\"name\": \"" + name + "\", \"verdict\": \"pass\", \"bound\": \"none\"}";
  return r;
}
}  // namespace

TEST(CheckpointFile, AWriteThatFailsMidRunWarnsAndTheNextWriteKeepsEveryFinishedScenario) {
  const auto dir = std::filesystem::temp_directory_path() / ("chancheck_ck_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "run.ckpt";
  checkpoint_file f(path.string(), checkpoint_identity::of({"a", "b", "c"}, explore_options{}));
  f.start();
  ASSERT_TRUE(std::filesystem::exists(path));

  std::filesystem::remove_all(dir);  // the disk goes away mid-run
  ::testing::internal::CaptureStderr();
  EXPECT_NO_THROW(f.finish("a", finished_report("a")));
  const std::string warned = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(warned.find("--checkpoint " + path.string() + ": cannot write it"), std::string::npos) << warned;
  EXPECT_NE(warned.find("the run goes on"), std::string::npos) << warned;

  std::filesystem::create_directories(dir);  // it comes back: nothing finished before is lost
  f.finish("b", finished_report("b"));
  const std::string text = read_text(path);
  EXPECT_NE(text.find("\"scenario\":\"a\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"scenario\":\"b\""), std::string::npos) << text;
  std::filesystem::remove_all(dir);
}

TEST(CheckpointFile, AFileThatCannotBeWrittenBeforeTheRunIsBadUsage) {
  const auto path = std::filesystem::temp_directory_path() / "chancheck_no_such_dir" / "x" / "run.ckpt";
  checkpoint_file f(path.string(), checkpoint_identity::of({"a"}, explore_options{}));
  EXPECT_THROW(f.start(), bad_usage);
}

}  // namespace chancheck::testing
