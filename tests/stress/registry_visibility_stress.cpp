// registry_visibility_stress.cpp: the live-task registry (for the leak check)
// must not hide races from ThreadSanitizer. Task A writes a plain int, starts a
// task and ends; later main starts task B, which reads the int. Nothing orders
// A's write before B's read except the registry's own lock, which TSan must not
// see: run under TSan, the child test has to be reported as a data race.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>
#include <thread>

#include "tests/stress/stress.hpp"

namespace chancheck::stress {
namespace {

int unguarded = 0;

#if defined(__SANITIZE_THREAD__)
/// Runs a shell command; its exit code, with its output in `out`.
int run_command(const std::string& cmd, std::string& out) {
  out.clear();
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
#endif

TEST(RegistryChild, DISABLED_RaceAcrossGoIsVisible) {
  go("writer", [] {
    unguarded = 1;
    go("noop", [] {});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the writer has ended by now
  auto seen = make_chan<int>(1);
  go("reader", [seen] { seen.send(unguarded); });
  EXPECT_EQ(seen.recv().value, 1);
  expect_no_leaks();
}

TEST(RegistryVisibility, ThreadSanitizerStillSeesARaceBetweenTasks) {
#if !defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "meaningful under ThreadSanitizer only (tools/sanitize.sh thread)";
#else
  char path[4096];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  ASSERT_GT(n, 0);
  path[n] = '\0';
  std::string out;
  int rc = run_command(
      std::string(path) + " --gtest_also_run_disabled_tests --gtest_filter=RegistryChild.* 2>&1", out);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find("WARNING: ThreadSanitizer: data race"), std::string::npos)
      << "the registry's lock ordered the writer before the reader and hid the race:\n"
      << out;
#endif
}

}  // namespace
}  // namespace chancheck::stress
