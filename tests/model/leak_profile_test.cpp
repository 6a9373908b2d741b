// leak_profile_test.cpp: leak_profile() on real threads (model/leak_check.hpp,
// model/leak_profile.cpp). A service whose handler leaks a lookup task names it
// while it keeps serving (in its own process: the leaked threads stay blocked
// there), its fixed version names nothing; and every reference that might be used
// keeps a blocked task off the profile: a handle on main's stack, an address sent
// on a channel, an address written into a variable a task's closure refers to.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include <chancheck/chancheck.hpp>
#include "util/run_command.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace std::chrono_literals;

/// The service's command line with `args` (appended: GCC 12 under ThreadSanitizer
/// takes `std::string(path) + "..."` for an overflow).
std::string service(const std::string& args) {
  std::string command = CHANCHECK_LEAK_PROFILE_SERVICE;
  command += args;
  return command;
}

/// Waits until the live task named `name` is blocked (at most 5 s).
bool wait_blocked(const std::string& name) {
  for (int i = 0; i < 500; ++i) {
    for (const auto& t : live_tasks::list())
      if (t.name == name && t.blocked) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

/// True when the profile names a task called `name`.
bool names(const leak_profile_report& r, const std::string& name) {
  for (const auto& t : r.leaked)
    if (t.name == name) return true;
  return false;
}

TEST(LeakProfile, AServicesLeakedLookupsAreNamedWhileItRuns) {
  std::string out;
  ASSERT_EQ(run_command(service(""), out), 0) << out;
  EXPECT_NE(out.find("blocked forever: no task that can still run can reach the channels they wait on"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"lookup\", started at"), std::string::npos) << out;
  EXPECT_NE(out.find("blocked in send on chan#"), std::string::npos) << out;
  EXPECT_NE(out.find("service.cpp:29"), std::string::npos) << out;  // result.send(req * 2)
  EXPECT_EQ(out.find("\"handler\""), std::string::npos) << out;     // handlers returned
}

TEST(LeakProfile, TheFixedServiceNamesNothing) {
  std::string out;
  ASSERT_EQ(run_command(service(" --fixed"), out), 0) << out;
  EXPECT_NE(out.find("nothing blocked forever"), std::string::npos) << out;
}

TEST(LeakProfile, AHandleOnMainsStackKeepsTheWaiterOffTheProfile) {
  leak_profile_enable();
  auto c = make_chan<int>();
  go("profile-waiter", [c] { (void)c.recv(); });
  ASSERT_TRUE(wait_blocked("profile-waiter"));
  leak_profile_report r = leak_profile();
  EXPECT_TRUE(r.enabled);
  EXPECT_FALSE(names(r, "profile-waiter")) << r.text();
  c.send(1);
}

TEST(LeakProfile, AnAddressSentOnAChannelKeepsItsTaskOffTheProfile) {
  leak_profile_enable();
  auto mail = make_chan<chan<int>*>(1);
  go("profile-escaped", [mail] {
    auto c = make_chan<int>();
    mail.send(&c);
    (void)c.recv();
  });
  chan<int>* p = mail.recv().value;
  ASSERT_TRUE(wait_blocked("profile-escaped"));
  EXPECT_FALSE(names(leak_profile(), "profile-escaped"));
  p->send(1);
}

TEST(LeakProfile, AnAddressWrittenIntoACapturedVariableKeepsItsTaskOffTheProfile) {
  leak_profile_enable();
  chan<int>* shared = nullptr;
  auto ready = make_chan<int>(1);
  go("profile-shared", [&shared, ready] {
    auto c = make_chan<int>();
    shared = &c;
    ready.send(1);
    (void)c.recv();
  });
  (void)ready.recv();
  ASSERT_TRUE(wait_blocked("profile-shared"));
  EXPECT_FALSE(names(leak_profile(), "profile-shared"));
  shared->send(1);
}

}  // namespace
}  // namespace chancheck::testing
