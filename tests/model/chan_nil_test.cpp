// chan_nil_test.cpp: rule 4 of the Go semantics: on a nil channel (a
// default-constructed handle) send and receive block forever, and a select case
// on it is never ready.
#include <gtest/gtest.h>

#include <array>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule04_NilChannelSendBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>(10);
    go("sender", [ch] {
      chan<int> nil;
      line = __LINE__ + 1;
      nil.send(1);
      ch.send(2);  // never reached
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.result.failing.tasks[1].obj, 0u);  // the nil channel
}

TEST(GoSemantics, Rule04_NilChannelReceiveBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    go("receiver", [] {
      chan<int> nil;
      line = __LINE__ + 1;
      (void)nil.recv();
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
}

TEST(GoSemantics, Rule04_NilChannelReceiveInMainIsADeadlock) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    chan<int> nil;
    line = __LINE__ + 1;
    (void)nil.recv();
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
}

TEST(GoSemantics, Rule04_SelectCaseOnNilChannelIsNeverReady) {
  std::array<int, 3> taken{};
  auto o = explore_body([&] {
    chan<int> nil;
    auto ready = make_chan<int>(1);
    ready.send(5);
    int k = select(recv(nil), send(nil, 1), recv(ready, [](int v) { expect(v == 5, "the ready case's value"); }));
    if (k >= 0) ++taken.at(static_cast<std::size_t>(k));
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_EQ(taken[0], 0);
  EXPECT_EQ(taken[1], 0);
  EXPECT_EQ(taken[2], static_cast<int>(o.result.executions));
}

TEST(GoSemantics, Rule04_SelectOnNilChannelsWithDefaultTakesDefault) {
  auto o = explore_body([] {
    chan<int> nil;
    bool dflt = false;
    select(recv(nil, [] { expect(false, "a nil receive case ran"); }),
           send(nil, 1, [] { expect(false, "a nil send case ran"); }), default_case([&] { dflt = true; }));
    expect(dflt, "default ran");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule04_SelectOnlyOnNilChannelsBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    go("selector", [] {
      chan<int> nil;
      line = __LINE__ + 1;
      select(recv(nil), send(nil, 1));
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  EXPECT_EQ(o.result.failing.tasks[1].op, op_kind::select);
}

}  // namespace
}  // namespace chancheck::testing
