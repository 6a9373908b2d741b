// select_same_channel_test.cpp: rule 6 for a blocked select: Go enqueues a blocked
// select's cases in a random order, so when two of its cases wait on one channel
// in one direction, a partner arriving later completes either. The explorer makes
// that order an explored choice (in the decisions, so tokens replay it) and real
// threads a random one. Checked for send cases, receive cases woken by a send, and
// receive cases woken by close, under dfs and dpor in both time modes.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include <chancheck/chancheck.hpp>
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/model/controller.hpp>
#include "sync/each_search.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// How main's select ended in one execution: whether it blocked first, and the case it took.
using select_end = std::pair<bool, int>;

/// The trace of the execution `decisions` name, replayed under `o`'s time mode.
execution_record traced(const std::function<void()>& body, const explore_options& o,
                        const std::vector<std::uint32_t>& decisions) {
  explore_options r = o;
  r.strategy = "replay";
  r.replay = decisions;
  execution_record out;
  explore(body, r, [&](const execution_record& rec) {
    out = rec;
    return false;
  });
  return out;
}

/// How main's first select ended in `r`: blocked (a block event before the case was
/// taken) or not, and the case it took (-1 when it took none).
select_end main_select_end(const execution_record& r) {
  bool blocked = false;
  for (const auto& e : r.events) {
    if (e.task != 0) continue;
    if (e.kind == event_kind::block && e.op == op_kind::select) blocked = true;
    if (e.kind == event_kind::select_case) return {blocked, e.arg};
  }
  return {blocked, -1};
}

/// Explores `body` under `o`, replays every execution with its trace, and returns how
/// main's select ended in each.
std::set<select_end> select_ends(const std::function<void()>& body, const explore_options& o) {
  std::vector<std::vector<std::uint32_t>> runs;
  explore_result res = explore(body, o, [&](const execution_record& r) {
    runs.push_back(r.decisions);
    return false;
  });
  EXPECT_TRUE(res.exhaustive);
  EXPECT_TRUE(res.error.empty()) << res.error;
  std::set<select_end> ends;
  for (const auto& d : runs) ends.insert(main_select_end(traced(body, o, d)));
  return ends;
}

/// Expects that, under each search, main's select blocked and then took case 0 in
/// some execution and case 1 in another, and that `body` passes every interleaving.
void expect_blocked_select_takes_either_case(const std::function<void()>& body) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_TRUE(sync_checks::passes_exhaustively(explore_body(body, s.options)));
    auto ends = select_ends(body, s.options);
    EXPECT_TRUE(ends.count({true, 0})) << "the blocked select never completed its first case";
    EXPECT_TRUE(ends.count({true, 1})) << "the blocked select never completed its second case";
  }
}

TEST(GoSemantics, Rule06_BlockedSelectsSendCasesOnOneChannelAreTakenInEitherOrder) {
  expect_blocked_select_takes_either_case([] {
    auto c = make_chan<int>();
    auto got = std::make_shared<int>(0);
    auto done = make_chan<empty>();
    go("receiver", [c, got, done] {
      *got = c.recv().value;
      done.close();
    });
    int k = select(send(c, 1), send(c, 2));
    (void)done.recv();
    expect(*got == k + 1, "the receiver got the value of the case taken");
  });
}

TEST(GoSemantics, Rule06_BlockedSelectsReceiveCasesOnOneChannelAreWokenBySendInEitherOrder) {
  expect_blocked_select_takes_either_case([] {
    auto c = make_chan<int>();
    go("sender", [c] { c.send(7); });
    auto check = [](int v, bool ok) { expect(ok && v == 7, "the case got the value sent"); };
    select(recv(c, check), recv(c, check));
  });
}

TEST(GoSemantics, Rule06_BlockedSelectsReceiveCasesOnOneChannelAreWokenByCloseInEitherOrder) {
  expect_blocked_select_takes_either_case([] {
    auto c = make_chan<int>();
    go("closer", [c] { c.close(); });
    auto check = [](int v, bool ok) { expect(!ok && v == 0, "the case saw the close"); };
    select(recv(c, check), recv(c, check));
  });
}

// Cases on one channel in opposite directions are no choice: a receiver completes
// the send case, a sender the receive case.
TEST(GoSemantics, Rule06_BlockedSelectsCasesInOppositeDirectionsMeetTheirOwnPartner) {
  expect_passes_in_each_search([] {
    auto c = make_chan<int>();
    go("receiver", [c] { expect(c.recv().value == 1, "the receiver got the send case's value"); });
    int k = select(send(c, 1), recv(c));
    expect(k == 0, "a receiver completed the send case");
  });
}

// The scenario: an assertion that holds only when the first case is queued
// first fails, and its token replays the same failure.
TEST(GoSemantics, Rule06_SameChannelCasesScenarioFailsAndReplays) {
  const scenario_info* s = find_scenario("select/same_channel_cases");
  ASSERT_NE(s, nullptr);
  for (const auto& search : each_search()) {
    SCOPED_TRACE(search.name);
    auto o = check_scenario(*s, search.options);
    ASSERT_EQ(verdict_of(o), "assertion") << sync_checks::describe(o);
    EXPECT_FALSE(o.result.failing.decisions.empty());
    explore_options r = search.options;
    r.strategy = "replay";
    r.replay = o.result.failing.decisions;
    auto again = check_scenario(*s, r);
    EXPECT_EQ(verdict_of(again), "assertion") << sync_checks::describe(again);
  }
}

// Real threads: the receiver probes without blocking until main's select is blocked
// (a probe can only succeed then), so every round completes the blocked select; over
// many rounds both cases are taken. No timing is measured.
TEST(RealThreads, BlockedSelectsSendCasesOnOneChannelAreTakenInARandomOrder) {
  ASSERT_EQ(current_controller(), nullptr);
  constexpr int rounds = 200;
  auto c = make_chan<int>();
  auto got = make_chan<int>(rounds);
  go("receiver", [c, got] {
    for (int i = 0; i < rounds; ++i) {
      int v = 0;
      while (select(recv(c, [&](int x) { v = x; }), default_case()) != 0) std::this_thread::yield();
      got.send(v);
    }
  });
  int taken[2] = {0, 0};
  for (int i = 0; i < rounds; ++i) {
    int k = select(send(c, 0), send(c, 1));
    int v = got.recv().value;
    EXPECT_EQ(v, k) << "the receiver got the value of the case taken";
    ++taken[k];
  }
  EXPECT_GT(taken[0], 0);
  EXPECT_GT(taken[1], 0);
}

TEST(RealThreads, BlockedSelectsReceiveCasesOnOneChannelAreWokenInARandomOrder) {
  constexpr int rounds = 200;
  auto c = make_chan<int>();
  go("sender", [c] {
    for (int i = 0; i < rounds; ++i)
      while (select(send(c, i), default_case()) != 0) std::this_thread::yield();
  });
  int taken[2] = {0, 0};
  for (int i = 0; i < rounds; ++i) {
    int v = -1;
    int k = select(recv(c, [&](int x) { v = x; }), recv(c, [&](int x) { v = x; }));
    EXPECT_EQ(v, i) << "the case got the value sent";
    ++taken[k];
  }
  EXPECT_GT(taken[0], 0);
  EXPECT_GT(taken[1], 0);
}

}  // namespace
}  // namespace chancheck::testing
