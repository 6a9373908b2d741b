// cli_shard_test.cpp: `run --shard I/N`, the sharding environment of test runners,
// `merge` and `run -j N`, through the CLI as a separate process: the shards of a
// search add up to the search with one shard, merge combines them into one
// verdict and refuses files that do not belong together, and bad values exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tools/cli_process.hpp"

namespace chancheck::testing {
namespace {

const std::string cli_path = CHANCHECK_CLI;

/// The CLI's exit code for `args`; its stdout in `out`.
int cli(const std::string& args, std::string& out) { return cli_of(cli_path, args, out); }

/// The CLI's exit code for `args`; its stderr in `err`.
int cli_err(const std::string& args, std::string& err) { return cli_stderr_of(cli_path, args, err); }

/// Runs shard i of n of `what` into dir/sI.json; returns that path.
std::string run_shard(const std::filesystem::path& dir, const std::string& what, int i, int n) {
  const std::string path = (dir / ("s" + std::to_string(i) + ".json")).string();
  std::string out;
  cli("run " + what + " --no-time --shard " + std::to_string(i) + "/" + std::to_string(n) + " --json " + path, out);
  return path;
}

/// The first scenario object of the JSON result at `path`.
nlohmann::json first_scenario(const std::string& path) { return read_json_file(path)["scenarios"].at(0); }

// A dpor search of several executions.
const std::string large = "seed/buffered_fix --strategy dpor";

TEST(CliShard, FourShardsMergeIntoTheExecutionsAndVerdictOfOneSearch) {
  const auto dir = fresh_folder("shard_four");
  std::string out;
  ASSERT_EQ(cli("run " + large + " --shard 0/1 --json " + (dir / "whole.json").string(), out), 0) << out;
  const auto whole = first_scenario((dir / "whole.json").string());
  std::string files;
  std::uint64_t total = 0;
  for (int i = 0; i < 4; ++i) {
    files += " " + run_shard(dir, large, i, 4);
    const auto part = first_scenario(dir / ("s" + std::to_string(i) + ".json"));
    EXPECT_EQ(part["shard"]["index"], i);
    EXPECT_EQ(part["shard"]["count"], 4);
    total += part["executions"].get<std::uint64_t>();
  }
  EXPECT_EQ(total, whole["executions"].get<std::uint64_t>());
  ASSERT_EQ(cli("merge" + files + " --json " + (dir / "merged.json").string(), out), 0) << out;
  const auto merged = first_scenario((dir / "merged.json").string());
  EXPECT_EQ(merged["executions"], whole["executions"]);
  EXPECT_EQ(merged["verdict"], "pass");
  EXPECT_EQ(merged["exhaustive"], true);
  EXPECT_EQ(merged["shards"], 4);
  EXPECT_NE(out.find("PASS seed/buffered_fix: " + whole["executions"].dump() + " executions over 4 shards"),
            std::string::npos)
      << out;
}

TEST(CliShard, TheMergedShardsOfABugFindItWithItsToken) {
  const auto dir = fresh_folder("shard_bug");
  std::string files, out;
  for (int i = 0; i < 4; ++i) files += " " + run_shard(dir, "seed/forgotten_sender", i, 4);
  const std::string reports = " --report junit:" + (dir / "r.xml").string() + " --json " + (dir / "m.json").string();
  EXPECT_EQ(cli("merge" + files + reports, out), 1) << out;
  const auto merged = first_scenario((dir / "m.json").string());
  EXPECT_EQ(merged["verdict"], "leak");
  ASSERT_FALSE(merged["violations"].empty());
  EXPECT_NE(out.find("replay: chancheck replay seed/forgotten_sender cc2-"), std::string::npos) << out;
  EXPECT_NE(read_text(dir / "r.xml").find("<failure"), std::string::npos);
  EXPECT_EQ(cli("merge" + files + " --expected", out), 0) << out;
}

TEST(CliShard, MergeRefusesFilesThatDoNotBelongTogether) {
  const auto dir = fresh_folder("shard_refuse");
  const std::string a = run_shard(dir, large, 0, 2), b = run_shard(dir, large, 1, 2);
  const auto other = dir / "other";
  std::filesystem::create_directories(other);
  const std::string seed2 = run_shard(other, large + " --max-steps 999", 1, 2);
  const std::string three = run_shard(other, large, 2, 3);
  const std::string names = run_shard(other, "seed/forgotten_sender --strategy dpor", 0, 2);
  std::string out;
  cli("run " + large + " --json " + (dir / "plain.json").string(), out);
  std::ofstream(dir / "junk.json") << "not json";
  struct refusal {
    std::string files, says;
  } cases[] = {
      {a, "shard 1 of 2 is missing"},
      {a + " " + a, "shard 0 of 2 is given twice"},
      {a + " " + seed2, "searched with different options"},
      {a + " " + three, "different numbers of shards"},
      {names + " " + b, "hold different scenarios"},
      {(dir / "plain.json").string(), "was not run as the same shard"},
      {(dir / "junk.json").string(), "is not a chancheck JSON result"},
      {(dir / "absent.json").string(), "cannot read"},
  };
  for (const auto& c : cases) {
    std::string err;
    EXPECT_EQ(cli_err("merge " + c.files, err), 2) << c.files;
    EXPECT_NE(err.find(c.says), std::string::npos) << err;
  }
}

TEST(CliShard, JobsRunTheShardsHereAndAddUpToOneSearch) {
  const auto dir = fresh_folder("shard_jobs");
  std::string out;
  ASSERT_EQ(cli("run " + large + " --shard 0/1 --json " + (dir / "whole.json").string(), out), 0);
  ASSERT_EQ(cli("run " + large + " -j 2 --no-time --json " + (dir / "j.json").string(), out), 0) << out;
  EXPECT_EQ(first_scenario((dir / "j.json").string())["executions"],
            first_scenario((dir / "whole.json").string())["executions"]);
  EXPECT_NE(out.find("over 2 shards"), std::string::npos) << out;
  EXPECT_EQ(cli("run seed/forgotten_sender -j 2 --no-time", out), 1) << out;
}

TEST(CliShard, TestRunnersShardingEnvironmentIsRead) {
  const auto dir = fresh_folder("shard_env");
  const auto status = dir / "status";
  std::string out;
  auto shard_of = [&](const std::string& env, const std::string& args) {
    const std::string path = (dir / "e.json").string();
    cli_of("env " + env + " " + cli_path, "run seed/buffered_fix " + args + " --json " + path, out);
    return first_scenario(path)["shard"];
  };
  EXPECT_EQ(shard_of("TEST_TOTAL_SHARDS=3 TEST_SHARD_INDEX=2 TEST_SHARD_STATUS_FILE=" + status.string(), ""),
            shard_of("", "--shard 2/3"));
  EXPECT_TRUE(std::filesystem::exists(status));
  EXPECT_EQ(shard_of("GTEST_TOTAL_SHARDS=4 GTEST_SHARD_INDEX=1", "")["index"], 1);
  EXPECT_EQ(shard_of("JOB_COMPLETION_INDEX=3", "--shard-count 5")["count"], 5);
  EXPECT_EQ(shard_of("GTEST_TOTAL_SHARDS=4 GTEST_SHARD_INDEX=1", "--shard 0/2")["count"], 2);  // the flag wins
}

TEST(CliShard, BadShardValuesExitTwoWithWhatToWrite) {
  struct bad {
    std::string env, args, says;
  } cases[] = {
      {"", "--shard 4/4", "--shard's I (0 <= I < N)"},
      {"", "--shard 1", "is not I/N"},
      {"", "--shard 0/0", "--shard's N"},
      {"", "--shard x/2", "--shard's I"},
      {"", "--shard 0/2 --strategy pct", "cannot be split into shards"},
      {"", "--shard 0/2 -j 2", "give one of them"},
      {"", "-j 0", "-j"},
      {"", "--shard-count 3", "JOB_COMPLETION_INDEX"},
      {"JOB_COMPLETION_INDEX=3", "--shard-count 3", "JOB_COMPLETION_INDEX (below --shard-count 3)"},
      {"TEST_TOTAL_SHARDS=2", "", "TEST_SHARD_INDEX is not"},
      {"GTEST_TOTAL_SHARDS=2 GTEST_SHARD_INDEX=2", "", "GTEST_SHARD_INDEX"},
  };
  for (const auto& c : cases) {
    std::string err;
    EXPECT_EQ(
        run_command("env " + c.env + " " + cli_path + " run seed/buffered_fix " + c.args + " 2>&1 >/dev/null", err), 2)
        << c.args;
    EXPECT_NE(err.find(c.says), std::string::npos) << c.args << ": " << err;
  }
}

}  // namespace
}  // namespace chancheck::testing
