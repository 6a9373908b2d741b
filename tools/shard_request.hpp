// shard_request.hpp: which shard of each scenario's search `run` explores. From
// `--shard I/N`, else from the sharding environment test runners set: Bazel's
// TEST_TOTAL_SHARDS and TEST_SHARD_INDEX (TEST_SHARD_STATUS_FILE is then touched,
// as Bazel asks of a test that shards), GoogleTest's GTEST_TOTAL_SHARDS and
// GTEST_SHARD_INDEX, or a Kubernetes indexed Job's JOB_COMPLETION_INDEX with the
// total from `--shard-count N`. harness/strategies/shard_slice.hpp says how a
// search is split.
#pragma once

#include <cstdint>
#include <string>

namespace chancheck::detail {

/// The shard a run asks for.
struct shard_request {
  std::uint32_t index = 0;
  std::uint32_t count = 0;  ///< 0: not sharded
  std::string source;       ///< where it came from: "--shard", "TEST_TOTAL_SHARDS", ...
  std::string status_file;  ///< Bazel's TEST_SHARD_STATUS_FILE, to touch; "" for none

  /// The shard `--shard` (`flag`, "" when not given) and `--shard-count`
  /// (`count_flag`, "" when not given) and the environment ask for; throws
  /// bad_usage, naming the flag or variable, on a bad or half-given value.
  static shard_request decide(const std::string& flag, const std::string& count_flag);
  /// Parses "I/N" (0 <= I < N <= 100000); throws bad_usage naming `what` otherwise.
  static shard_request parse(const std::string& text, const std::string& what);
  /// Touches the status file, when there is one; throws bad_usage when it cannot.
  void touch_status_file() const;
};

}  // namespace chancheck::detail
