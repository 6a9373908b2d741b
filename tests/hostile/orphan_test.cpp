// orphan_test.cpp: a parent killed outright (SIGKILL) leaves no child exploring on.
// The test becomes a subreaper, so the hostile CLI's child, orphaned when the test
// kills its parent, is reparented to the test, which then sees how it ended.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace chancheck::testing {
namespace {

/// The first child of `parent` (from /proc), or -1.
pid_t child_of(pid_t parent) {
  std::ifstream in("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children");
  pid_t child = -1;
  in >> child;
  return in ? child : -1;
}

/// Waits up to `limit` for `pid` to end; its wait status, or -1 when it did not end.
int wait_for(pid_t pid, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < until) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

TEST(Orphan, TheChildEndsWithAParentKilledOutright) {
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  pid_t parent = ::fork();
  ASSERT_GE(parent, 0);
  if (parent == 0) {
    // hostile/spin never reaches a scheduling point: only a kill ends its child.
    ::execl(CHANCHECK_HOSTILE_CLI, CHANCHECK_HOSTILE_CLI, "run", "hostile/spin", "--watchdog", "1h",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  pid_t child = -1;
  for (int i = 0; i < 500 && child < 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    child = child_of(parent);
  }
  ASSERT_GT(child, 0) << "the CLI started no child";
  ::kill(parent, SIGKILL);
  ASSERT_NE(wait_for(parent, std::chrono::seconds(10)), -1);
  int status = wait_for(child, std::chrono::seconds(10));  // reparented to this test, the subreaper
  if (status == -1) {  // clean up the orphan before failing
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
  }
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  ASSERT_NE(status, -1) << "the child explored on after its parent was killed";
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

}  // namespace
}  // namespace chancheck::testing
