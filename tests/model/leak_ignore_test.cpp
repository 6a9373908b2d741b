// leak_ignore_test.cpp: the real-thread leak check leaves out known long-lived
// tasks as goleak's options do: by task name, by spawn site ("file" or
// "file:line"), and every task alive at an earlier leak_snapshot() (IgnoreCurrent).
// An ignored task is counted, not listed, and never waited for.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <chancheck/chancheck.hpp>
#include <chancheck/gtest.hpp>

namespace chancheck::testing {
namespace {

using namespace std::chrono_literals;

/// The names of the tasks a report lists.
std::vector<std::string> names(const leak_report& r) {
  std::vector<std::string> out;
  for (const auto& t : r.leaked) out.push_back(t.name);
  return out;
}

/// The running test's tasks still alive after a short grace, with `o`'s ignores.
leak_report leaks(leak_check_options o) {
  o.grace = 50ms;
  o.scope = current_test_name();
  return verify_no_leaks(o);
}

/// Starts a task named `name` that waits until `stop` is closed.
void start_waiter(const std::string& name, const chan<empty>& stop) {
  go(name, [stop] { (void)stop.recv(); });
}

/// Ends the waiters and checks that none of the test's tasks is left.
void stop_all(const chan<empty>& stop) {
  stop.close();
  leak_report r = check_test_leaks(5s);
  EXPECT_TRUE(r.ok()) << r.text();
}

TEST(LeakIgnore, ByTaskName) {
  auto stop = make_chan<empty>();
  start_waiter("metrics", stop);
  start_waiter("search", stop);
  leak_report all = leaks({});
  EXPECT_EQ(names(all), (std::vector<std::string>{"metrics", "search"})) << all.text();
  EXPECT_EQ(all.ignored, 0u);
  leak_report r = leaks({.ignore_names = {"metrics"}});
  EXPECT_EQ(names(r), std::vector<std::string>{"search"}) << r.text();
  EXPECT_EQ(r.ignored, 1u);
  EXPECT_NE(r.text().find("(1 more ignored by the options)"), std::string::npos) << r.text();
  EXPECT_EQ(leaks({.ignore_names = {"metric", "search "}}).leaked.size(), 2u);  // whole names only
  stop_all(stop);
}

TEST(LeakIgnore, BySpawnSiteFileOrFileAndLine) {
  auto stop = make_chan<empty>();
  const unsigned first_line = __LINE__ + 1;
  go("first", [stop] { (void)stop.recv(); });
  go("second", [stop] { (void)stop.recv(); });
  const std::string line = std::to_string(first_line);
  EXPECT_TRUE(leaks({.ignore_sites = {"leak_ignore_test.cpp"}}).ok());
  EXPECT_TRUE(leaks({.ignore_sites = {"model/leak_ignore_test.cpp"}}).ok());
  EXPECT_EQ(names(leaks({.ignore_sites = {"leak_ignore_test.cpp:" + line}})), std::vector<std::string>{"second"});
  EXPECT_EQ(names(leaks({.ignore_sites = {"tests/model/leak_ignore_test.cpp:" + line}})),
            std::vector<std::string>{"second"});
  // Not a tail after a '/', another file, another line: nothing is ignored.
  EXPECT_EQ(leaks({.ignore_sites = {"ignore_test.cpp"}}).leaked.size(), 2u);
  EXPECT_EQ(leaks({.ignore_sites = {"leak_check_test.cpp"}}).leaked.size(), 2u);
  EXPECT_EQ(leaks({.ignore_sites = {"leak_ignore_test.cpp:1"}}).leaked.size(), 2u);
  stop_all(stop);
}

TEST(LeakIgnore, TasksAliveAtASnapshot) {
  auto stop = make_chan<empty>();
  start_waiter("background", stop);
  task_set before = leak_snapshot();
  start_waiter("new", stop);
  ASSERT_FALSE(before.serials.empty());
  leak_report r = leaks({.ignore = before});
  EXPECT_EQ(names(r), std::vector<std::string>{"new"}) << r.text();
  EXPECT_EQ(r.ignored, 1u);
  EXPECT_FALSE(before.contains(r.leaked.at(0).serial));
  EXPECT_TRUE(leaks({.ignore = leak_snapshot()}).ok());  // a snapshot taken now ignores both
  stop_all(stop);
}

TEST(LeakIgnore, AnIgnoredTaskIsNotWaitedForAndOthersStillAre) {
  auto stop = make_chan<empty>();
  start_waiter("metrics", stop);
  auto work = make_chan<int>();
  go("worker", [work] { work.send(1); });
  EXPECT_EQ(work.recv().value, 1);
  // The worker ends within the grace; the ignored task never does. The check passes.
  leak_report r = verify_no_leaks({.grace = 5s, .scope = current_test_name(), .ignore_names = {"metrics"}});
  EXPECT_TRUE(r.ok()) << r.text();
  EXPECT_EQ(r.ignored, 1u);
  stop_all(stop);
}

}  // namespace
}  // namespace chancheck::testing
