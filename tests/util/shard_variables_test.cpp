// shard_variables_test.cpp: this test binary may run as one shard of several
// (GoogleTest's GTEST_TOTAL_SHARDS, Bazel's TEST_TOTAL_SHARDS, as tools/sanitize.sh
// runs it). The chancheck CLI that many tests start reads the same variables as a
// request to run one shard of its own search, so once GoogleTest has chosen this
// shard's tests the variables are removed, before any test runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "tests/util/run_command.hpp"

namespace chancheck::testing {

namespace {
/// The variables a sharding test runner sets that chancheck's `run` also reads.
constexpr const char* shard_variables[] = {"GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX",      "TEST_TOTAL_SHARDS",
                                           "TEST_SHARD_INDEX",   "TEST_SHARD_STATUS_FILE", "JOB_COMPLETION_INDEX"};

/// Set up after GoogleTest read the shard variables, before the first test.
class drop_shard_variables : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* v : shard_variables) ::unsetenv(v);
  }
};

const ::testing::Environment* const registered = ::testing::AddGlobalTestEnvironment(new drop_shard_variables);
}  // namespace

TEST(ShardVariablesChild, DISABLED_NoneIsSetWhileTestsRun) {
  for (const char* v : shard_variables) EXPECT_EQ(std::getenv(v), nullptr) << v << " is still set";
}

TEST(ShardVariables, AShardedRunOfThisBinaryGivesItsTestsNone) {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  ASSERT_GT(n, 0);
  path[n] = '\0';
  std::string out;
  const int rc =
      run_command("GTEST_TOTAL_SHARDS=1 GTEST_SHARD_INDEX=0 TEST_TOTAL_SHARDS=3 TEST_SHARD_INDEX=1 " +
                      std::string(path) + " --gtest_also_run_disabled_tests --gtest_filter=ShardVariablesChild.* 2>&1",
                  out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("[  PASSED  ] 1 test"), std::string::npos) << out;
}

}  // namespace chancheck::testing
