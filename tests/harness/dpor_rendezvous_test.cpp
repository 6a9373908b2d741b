// dpor_rendezvous_test.cpp: a rendezvous on an unbuffered channel is one event
// whichever side arrives first (trace.hpp, recv_side). dpor runs one execution per
// order in which values can be received: N senders to one receiver cost N!
// executions (not that times the orders of arrival), a chain of hand-offs one,
// and nothing dfs reaches is lost, also where a select waits on both sides of one
// channel (there a send and a receive do not commute). The counts are exact: a
// change to the engine or to dpor that changes them on purpose updates them here
// and in docs/exploration.md.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include "bench/chain_shapes.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

struct whole_run {
  explore_result result;
  std::set<std::string> outcomes;  ///< what the body wrote, with every task's end state
};

/// Explores `body` whole with `strategy`; `out` is what the body wrote in the execution just run.
whole_run explore_whole(const std::string& strategy, const std::function<void()>& body, const std::string& out) {
  explore_options o;
  o.strategy = strategy;
  o.max_executions = 0;
  o.minimize = false;
  whole_run w;
  w.result = explore(body, o, [&](const execution_record& r) {
    std::string s = out + " |";
    for (const auto& t : r.tasks) s += t.state == task_state::finished ? " done" : " blocked";
    w.outcomes.insert(s);
    return false;
  });
  return w;
}

std::uint64_t factorial(std::uint64_t n) { return n <= 1 ? 1 : n * factorial(n - 1); }

}  // namespace

// N senders to one receiver: one execution per receive order, N!, and every order is seen.
TEST(DporRendezvous, SendersToOneReceiverCostOneExecutionPerReceiveOrder) {
  for (int n = 1; n <= 5; ++n) {
    std::string order;
    auto body = [n, &order] {
      order.clear();
      auto c = make_chan<int>();
      for (int i = 0; i < n; ++i) go("sender", [c, i] { c.send(i); });
      for (int i = 0; i < n; ++i) order += std::to_string(c.recv().value);
    };
    auto w = explore_whole("dpor", body, order);
    ASSERT_TRUE(w.result.exhaustive) << "N = " << n;
    EXPECT_EQ(w.outcomes.size(), factorial(static_cast<std::uint64_t>(n))) << "N = " << n;
    EXPECT_EQ(w.result.executions, factorial(static_cast<std::uint64_t>(n))) << "N = " << n;
    if (n <= 3) {
      auto all = explore_whole("dfs", body, order);
      ASSERT_TRUE(all.result.exhaustive);
      EXPECT_EQ(all.outcomes, w.outcomes) << "N = " << n;
      EXPECT_GT(all.result.executions, w.result.executions) << "N = " << n;
    }
  }
}

// A value handed along a chain of unbuffered channels, every link started up front
// (bench/chain_shapes.hpp): every order of arrival ends the same, in one execution.
TEST(DporRendezvous, AChainOfHandOffsIsOneExecution) {
  for (int tasks : {1, 10, 100}) {
    std::string got;
    auto up_front = [tasks, &got] { got = std::to_string(bench::up_front_chain(tasks)); };
    auto w = explore_whole("dpor", up_front, got);
    ASSERT_TRUE(w.result.exhaustive) << tasks << " tasks";
    EXPECT_EQ(w.result.executions, 1u) << tasks << " tasks";
    std::string expected = std::to_string(tasks) + " |";
    for (int i = 0; i <= tasks; ++i) expected += " done";
    EXPECT_EQ(w.outcomes, std::set<std::string>{expected}) << tasks << " tasks";
  }
}

// A select with a send and a receive case on one channel: a plain send and a plain
// receive there do not commute (the select could pair with either), so dpor must
// reach every outcome dfs reaches.
TEST(DporRendezvous, ASelectOnBothSidesOfOneChannelKeepsEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out = "...";
    auto c = make_chan<int>();
    go("both", [c, &out] {
      select(send(c, 1, [&out] { out[0] = 's'; }), recv(c, [&out](int v) { out[0] = static_cast<char>('0' + v); }));
    });
    go("sender", [c, &out] {
      c.send(2);
      out[1] = 'S';
    });
    go("receiver", [c, &out] { out[2] = static_cast<char>('0' + c.recv().value); });
  };
  auto all = explore_whole("dfs", body, out);
  auto reduced = explore_whole("dpor", body, out);
  ASSERT_TRUE(all.result.exhaustive);
  ASSERT_TRUE(reduced.result.exhaustive);
  EXPECT_EQ(reduced.outcomes, all.outcomes);
  EXPECT_GE(all.outcomes.size(), 3u);  // the select pairs with the sender, with the receiver, or the two pair
}

}  // namespace chancheck::testing
