// leak_check_test.cpp: verify_no_leaks() and the GoogleTest helper on real
// threads: a leaked task is listed with its name, spawn site, test and the
// operation it is blocked in; tasks that end within the grace period pass;
// child processes run in parallel each name their own leaking test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include <chancheck/chancheck.hpp>
#include <chancheck/gtest.hpp>
#include <chancheck/model/controller.hpp>
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

using namespace std::chrono_literals;

/// The snapshot of the live task named `name` in `tasks`, or nullptr.
const task_snapshot* find_task(const std::vector<task_snapshot>& tasks, const std::string& name) {
  for (const auto& t : tasks)
    if (t.name == name) return &t;
  return nullptr;
}

TEST(LeakCheck, ListsABlockedSenderWithItsSpawnSiteTestAndOperation) {
  ASSERT_EQ(current_controller(), nullptr);
  auto results = make_chan<int>();
  const unsigned go_line = __LINE__ + 1;
  go("search", [results] { results.send(42); });  // nobody receives: blocked forever
  const unsigned send_line = go_line;

  leak_report r = check_test_leaks(50ms);
  ASSERT_EQ(r.leaked.size(), 1u) << r.text();
  const task_snapshot& t = r.leaked[0];
  EXPECT_EQ(t.name, "search");
  EXPECT_EQ(t.spawned_at.line(), go_line);
  EXPECT_NE(std::string(t.spawned_at.file_name()).find("leak_check_test.cpp"), std::string::npos);
  EXPECT_EQ(t.scope, "LeakCheck.ListsABlockedSenderWithItsSpawnSiteTestAndOperation");
  EXPECT_TRUE(t.has_op);
  EXPECT_EQ(t.op, op_kind::send);
  EXPECT_EQ(t.obj, results.id());
  EXPECT_EQ(t.op_loc.line(), send_line);
  EXPECT_TRUE(t.blocked);

  std::string text = r.text();
  EXPECT_NE(text.find("test LeakCheck.ListsABlockedSenderWithItsSpawnSiteTestAndOperation"), std::string::npos) << text;
  EXPECT_NE(text.find("\"search\", started at"), std::string::npos) << text;
  EXPECT_NE(text.find("blocked in send on chan#" + std::to_string(results.id()) + " at "), std::string::npos) << text;
  EXPECT_NE(text.find("leak_check_test.cpp:" + std::to_string(send_line)), std::string::npos) << text;

  // Receive the value: the task ends, and the check passes.
  EXPECT_EQ(results.recv().value, 42);
  leak_report after = check_test_leaks(5s);
  EXPECT_TRUE(after.ok()) << after.text();
  EXPECT_EQ(after.text(), "");
}

TEST(LeakCheck, TasksThatEndWithinTheGracePeriodPass) {
  auto done = make_chan<empty>(8);
  for (int i = 0; i < 8; ++i)
    go("short", [done] {
      std::this_thread::sleep_for(20ms);
      done.send(empty{});
    });
  leak_report r = check_test_leaks(10s);  // returns as soon as the last one ends
  EXPECT_TRUE(r.ok()) << r.text();
  EXPECT_EQ(done.len(), 8u);
}

TEST(LeakCheck, NamesABlockedReceiverAndARunningTask) {
  auto never = make_chan<int>();
  auto release = make_chan<empty>();
  go("receiver", [never] { never.recv(); });
  auto started = make_chan<empty>(1);
  go("busy", [started, release] {
    started.send(empty{});
    std::this_thread::sleep_for(300ms);  // running, not in a kit operation
    release.recv();
  });
  started.recv();
  leak_report r = check_test_leaks(20ms);
  const task_snapshot* receiver = find_task(r.leaked, "receiver");
  const task_snapshot* busy = find_task(r.leaked, "busy");
  ASSERT_NE(receiver, nullptr) << r.text();
  ASSERT_NE(busy, nullptr) << r.text();
  EXPECT_TRUE(receiver->blocked);
  EXPECT_EQ(describe_task_op(*receiver), "receive from chan#" + std::to_string(never.id()));
  EXPECT_EQ(busy->op, op_kind::send);  // its last operation
  std::string text = r.text();
  EXPECT_NE(text.find("running (not blocked); last operation: send on chan#"), std::string::npos) << text;

  release.send(empty{});  // the busy task ends; the receiver is still blocked
  leak_report later = check_test_leaks(1s);
  ASSERT_EQ(later.leaked.size(), 1u) << later.text();
  EXPECT_EQ(later.leaked[0].name, "receiver");
  never.close();
  EXPECT_TRUE(check_test_leaks(5s).ok());
}

TEST(LeakCheck, DescribesOperationsOnNilChannels) {
  task_snapshot t;
  EXPECT_EQ(describe_task_op(t), "no operation yet");
  t.has_op = true;
  t.op = op_kind::recv;
  EXPECT_EQ(describe_task_op(t), "receive from a nil channel");
  t.op = op_kind::send;
  EXPECT_EQ(describe_task_op(t), "send on a nil channel");
  t.obj = 7;
  EXPECT_EQ(describe_task_op(t), "send on chan#7");
}

TEST(LeakCheck, ATasksTasksBelongToItsTestAndOtherScopesAreNotBlamed) {
  auto block = make_chan<int>();
  auto spawned = make_chan<empty>(1);
  go("parent", [block, spawned] {
    go("child", [block] { block.recv(); });
    spawned.send(empty{});
    block.recv();
  });
  spawned.recv();
  leak_report mine = check_test_leaks(20ms);
  ASSERT_NE(find_task(mine.leaked, "parent"), nullptr) << mine.text();
  ASSERT_NE(find_task(mine.leaked, "child"), nullptr) << mine.text();
  EXPECT_EQ(find_task(mine.leaked, "child")->scope, current_test_name());

  leak_check_options other;
  other.scope = "SomeOther.Test";
  other.grace = 1ms;
  EXPECT_TRUE(verify_no_leaks(other).ok());

  block.close();  // both receivers wake with ok=false and end
  leak_report after = check_test_leaks(5s);
  EXPECT_TRUE(after.ok()) << after.text();
}

class LeakCheckedFixture : public leak_checked_test {};

TEST_F(LeakCheckedFixture, PassesWhenEveryTaskEnds) {
  auto ch = make_chan<int>();
  go("echo", [ch] { ch.send(1); });
  EXPECT_EQ(ch.recv().value, 1);
}  // TearDown checks that "echo" ended

// Run only as a child process by the test below: it leaks a task on purpose.
TEST(LeakCheckChild, DISABLED_LeaksASender) {
  auto ch = make_chan<std::string>();
  go("forgotten sender", [ch] { ch.send("result"); });
  expect_no_leaks(100ms);
}

TEST(LeakCheckChild, DISABLED_LeaksAReceiver) {
  auto ch = make_chan<int>();
  go("forgotten receiver", [ch] { ch.recv(); });
  expect_no_leaks(100ms);
}

TEST(LeakCheck, ParallelProcessesEachNameTheirLeakingTest) {
  const std::string self = "/proc/self/exe";
  char path[4096];
  ssize_t n = ::readlink(self.c_str(), path, sizeof path - 1);
  ASSERT_GT(n, 0);
  path[n] = '\0';
  auto child = [&](const std::string& test, std::string& out, int& rc) {
    rc = run_command(
        std::string(path) + " --gtest_also_run_disabled_tests --gtest_filter=LeakCheckChild." + test + " 2>&1", out);
  };
  std::string out_a, out_b;
  int rc_a = -1, rc_b = -1;
  std::thread a([&] { child("DISABLED_LeaksASender", out_a, rc_a); });
  std::thread b([&] { child("DISABLED_LeaksAReceiver", out_b, rc_b); });
  a.join();
  b.join();
  EXPECT_NE(rc_a, 0) << out_a;
  EXPECT_NE(rc_b, 0) << out_b;
  EXPECT_NE(out_a.find("in test LeakCheckChild.DISABLED_LeaksASender"), std::string::npos) << out_a;
  EXPECT_NE(out_a.find("\"forgotten sender\""), std::string::npos) << out_a;
  EXPECT_NE(out_a.find("blocked in send on chan#"), std::string::npos) << out_a;
  EXPECT_EQ(out_a.find("forgotten receiver"), std::string::npos) << out_a;
  EXPECT_NE(out_b.find("in test LeakCheckChild.DISABLED_LeaksAReceiver"), std::string::npos) << out_b;
  EXPECT_NE(out_b.find("blocked in receive from chan#"), std::string::npos) << out_b;
  EXPECT_EQ(out_b.find("forgotten sender"), std::string::npos) << out_b;
}

}  // namespace
}  // namespace chancheck::testing
