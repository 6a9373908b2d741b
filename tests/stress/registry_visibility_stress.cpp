// registry_visibility_stress.cpp: the live-task registry (for the leak check)
// must not hide races from ThreadSanitizer. Task A writes a plain int, starts a
// task and ends; later main starts task B, which reads the int. Nothing orders
// A's write before B's read except the registry's own lock, which TSan must not
// see: run under TSan, the child test has to be reported as a data race.
#include <unistd.h>

#include <string>
#include <thread>

#include "tests/stress/stress.hpp"
#include "tests/util/run_command.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::stress {
namespace {

int unguarded = 0;

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
  int rc = testing::run_command(
      std::string(path) + " --gtest_also_run_disabled_tests --gtest_filter=RegistryChild.* 2>&1", out);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find("WARNING: ThreadSanitizer: data race"), std::string::npos)
      << "the registry's lock ordered the writer before the reader and hid the race:\n"
      << out;
#endif
}

}  // namespace
}  // namespace chancheck::stress
