// shard_request.cpp: `--shard I/N`, `--shard-count N` and the sharding environment, parsed strictly.
#include "tools/shard_request.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <chancheck/check/cli_values.hpp>

#include "tools/cli_options.hpp"

namespace chancheck::detail {

namespace {

constexpr std::uint64_t most_shards = 100000;

/// The variable's value, or "" when it is not set.
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

/// A whole number in [min, max]; bad_usage naming `what` otherwise.
std::uint32_t number(const std::string& text, std::uint64_t min, std::uint64_t max, const std::string& what) {
  std::string error;
  auto v = parse_whole_number(text, min, max, what, error);
  if (!v) throw bad_usage{error};
  return static_cast<std::uint32_t>(*v);
}

/// The shard a pair of variables (total, index) asks for; count 0 when neither is set.
shard_request from_pair(const char* total, const char* index) {
  const std::string t = env(total), i = env(index);
  if (t.empty() && i.empty()) return {};
  if (t.empty() || i.empty())
    throw bad_usage{std::string(t.empty() ? index : total) + " is set but " + (t.empty() ? total : index) +
                    " is not; set both (or neither), or pass --shard I/N"};
  shard_request r;
  r.count = number(t, 1, most_shards, total);
  r.index = number(i, 0, r.count - 1, std::string(index) + " (below " + total + "=" + t + ")");
  r.source = total;
  return r;
}

}  // namespace

shard_request shard_request::parse(const std::string& text, const std::string& what) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size())
    throw bad_usage{what + " \"" + text + "\" is not I/N (shard I of N, 0 <= I < N); write it like " + what + " 0/4"};
  shard_request r;
  r.count = number(text.substr(slash + 1), 1, most_shards, what + "'s N");
  r.index = number(text.substr(0, slash), 0, r.count - 1, what + "'s I (0 <= I < N)");
  r.source = what;
  return r;
}

shard_request shard_request::decide(const std::string& flag, const std::string& count_flag) {
  if (!flag.empty() && !count_flag.empty())
    throw bad_usage{"--shard and --shard-count are two ways to name a shard; give one of them"};
  if (!flag.empty()) return parse(flag, "--shard");
  if (!count_flag.empty()) {
    shard_request r;
    r.count = number(count_flag, 1, most_shards, "--shard-count");
    const std::string i = env("JOB_COMPLETION_INDEX");
    if (i.empty())
      throw bad_usage{
          "--shard-count takes the shard's index from JOB_COMPLETION_INDEX (a Kubernetes indexed "
          "Job sets it), which is not set; elsewhere pass --shard I/N"};
    r.index = number(i, 0, r.count - 1, "JOB_COMPLETION_INDEX (below --shard-count " + count_flag + ")");
    r.source = "JOB_COMPLETION_INDEX";
    return r;
  }
  if (shard_request r = from_pair("TEST_TOTAL_SHARDS", "TEST_SHARD_INDEX"); r.count) {
    r.status_file = env("TEST_SHARD_STATUS_FILE");
    return r;
  }
  return from_pair("GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX");
}

void shard_request::touch_status_file() const {
  if (status_file.empty()) return;
  int fd = ::open(status_file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd >= 0 && ::close(fd) == 0) return;
  throw bad_usage{"cannot touch TEST_SHARD_STATUS_FILE \"" + status_file + "\" (" + std::strerror(errno) +
                  "); check that its folder exists and is writable"};
}

}  // namespace chancheck::detail
