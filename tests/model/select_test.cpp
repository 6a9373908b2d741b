// select_test.cpp: rules 6 and 7 of the Go semantics: with several ready cases
// select picks one at random, which the explorer must treat as a choice and
// explore every ready case; default runs only when no case is ready; a select
// with no cases blocks forever; a one-case select behaves like the plain operation.
#include <gtest/gtest.h>

#include <array>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule06_ExhaustiveSearchExploresEveryReadyCase) {
  static std::array<int, 3> taken;
  taken = {};
  auto o = explore_body([] {
    auto a = make_chan<int>(1);
    auto b = make_chan<int>(1);
    auto c = make_chan<int>(1);
    a.send(1);
    b.send(2);
    int k = select(recv(a, [](int v) { expect(v == 1, "case a got a's value"); }),
                   recv(b, [](int v) { expect(v == 2, "case b got b's value"); }), send(c, 3));
    if (k >= 0) ++taken.at(static_cast<std::size_t>(k));
    expect(a.len() == (k == 0 ? 0u : 1u) && b.len() == (k == 1 ? 0u : 1u) && c.len() == (k == 2 ? 1u : 0u),
           "exactly the chosen case ran");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_EQ(o.result.executions, 3u);  // the only choice is the case
  EXPECT_EQ(taken[0], 1);
  EXPECT_EQ(taken[1], 1);
  EXPECT_EQ(taken[2], 1);
}

TEST(GoSemantics, Rule06_ExhaustiveSearchExploresEveryCaseMadeReadyByOtherTasks) {
  static std::array<int, 2> taken;
  taken = {};
  auto o = explore_body([] {
    auto a = make_chan<int>();
    auto b = make_chan<int>();
    go("a", [a] { a.send(1); });
    go("b", [b] { b.send(2); });
    int k = select(recv(a, [](int v) { expect(v == 1, "case a got a's value"); }),
                   recv(b, [](int v) { expect(v == 2, "case b got b's value"); }));
    if (k >= 0) ++taken.at(static_cast<std::size_t>(k));
    // Drain the other sender so that nothing leaks.
    if (k == 0)
      expect(b.recv().value == 2, "b's value");
    else
      expect(a.recv().value == 1, "a's value");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_GT(taken[0], 0);
  EXPECT_GT(taken[1], 0);
}

TEST(GoSemantics, Rule06_SelectChoiceIsRecordedAsADecision) {
  // Both cases are ready from the start: the failing execution must have taken the
  // case that fails, which only a search that branches on the choice can reach.
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto a = make_chan<int>(1);
    auto b = make_chan<int>(1);
    a.send(1);
    b.send(2);
    line = __LINE__ + 1;
    select(recv(a), recv(b, [] { panic("case b taken"); }));
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  EXPECT_EQ(o.result.failing.decisions, std::vector<std::uint32_t>{1});
}

TEST(GoSemantics, Rule07_DefaultDoesNotRunWhenACaseIsReady) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(1);
    ch.send(4);
    int got = 0;
    select(recv(ch, [&](int v) { got = v; }), default_case([] { expect(false, "default ran with a ready case"); }));
    expect(got == 4, "the ready case ran");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_EQ(o.result.executions, 1u);  // default is not a choice when a case is ready
}

TEST(GoSemantics, Rule07_DefaultRunsWhenNoCaseIsReady) {
  auto o = explore_body([] {
    auto empty_chan = make_chan<int>(1);
    auto unbuffered = make_chan<int>();
    auto full = make_chan<int>(1);
    full.send(1);
    bool dflt = false;
    int k = select(recv(empty_chan), recv(unbuffered), send(unbuffered, 1), send(full, 2),
                   default_case([&] { dflt = true; }));
    expect(dflt && k == 4, "default ran and select returned its position");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule07_DefaultRunsExactlyWhenTheSenderHasNotArrived) {
  static std::array<int, 2> outcomes;  // [0] the case, [1] default
  outcomes = {};
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("sender", [ch] { ch.send(9); });
    int got = 0;
    int k = select(recv(ch, [&](int v) { got = v; }), default_case());
    if (k >= 0) ++outcomes.at(static_cast<std::size_t>(k));
    if (k == 1) got = ch.recv().value;  // default: the sender had not blocked yet
    expect(got == 9, "the value arrived either way");
  });
  EXPECT_TRUE(passes_exhaustively(o));
  EXPECT_GT(outcomes[0], 0);
  EXPECT_GT(outcomes[1], 0);
}

TEST(GoSemantics, Rule07_SelectWithOnlyADefaultRunsIt) {
  auto o = explore_body([] {
    bool dflt = false;
    int k = select(default_case([&] { dflt = true; }));
    expect(dflt && k == 0, "the default ran");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule07_SelectWithOnlyADefaultIsTracedAtItsOwnLine) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    line = __LINE__ + 1;
    select(default_case([] { panic("the default ran"); }));
  });
  ASSERT_TRUE(fails_with(o, "panic", __FILE__, line));
  unsigned select_line = 0;
  for (const auto& e : o.result.failing.events)
    if (e.kind == event_kind::op && e.op == op_kind::select) select_line = e.loc.line;
  EXPECT_EQ(select_line, line) << describe(o);
}

TEST(GoSemantics, Rule07_EmptySelectBlocksForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    go("selector", [] {
      line = __LINE__ + 1;
      select();
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
  EXPECT_EQ(o.result.failing.tasks[1].op, op_kind::select);
}

TEST(GoSemantics, Rule07_EmptySelectInMainIsADeadlock) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    line = __LINE__ + 1;
    select();
  });
  EXPECT_TRUE(fails_with(o, "deadlock", __FILE__, line));
}

TEST(GoSemantics, Rule07_OneCaseSelectReceivesLikeThePlainReceive) {
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("sender", [ch] { ch.send(5); });
    int got = 0;
    select(recv(ch, [&](int v) { got = v; }));
    expect(got == 5, "the one-case select received the value");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule07_OneCaseSelectSendsLikeThePlainSend) {
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("receiver", [ch] { expect(ch.recv().value == 6, "the receiver got the value"); });
    select(send(ch, 6));
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule07_OneCaseReceiveWithoutSenderBlocksForeverLikeThePlainReceive) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("receiver", [ch] {
      line = __LINE__ + 1;
      select(recv(ch));
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
}

TEST(GoSemantics, Rule07_OneCaseSendWithoutReceiverBlocksForeverLikeThePlainSend) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>();
    go("sender", [ch] {
      line = __LINE__ + 1;
      select(send(ch, 1));
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
}

TEST(GoSemantics, Rule07_OneCaseSendOnClosedChannelPanicsLikeThePlainSend) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ch = make_chan<int>(1);
    ch.close();
    line = __LINE__ + 1;
    select(send(ch, 1));
  });
  EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  ASSERT_FALSE(o.violations.empty());
  EXPECT_EQ(o.violations[0].message, "send on closed channel");
}

TEST(GoSemantics, Rule07_OneCaseReceiveOnClosedChannelGivesNotOkLikeThePlainReceive) {
  auto o = explore_body([] {
    auto ch = make_chan<int>(1);
    ch.send(1);
    ch.close();
    bool ok1 = false, ok2 = true;
    int v1 = 0;
    select(recv(ch, [&](int v, bool ok) { v1 = v, ok1 = ok; }));
    select(recv(ch, [&](int, bool ok) { ok2 = ok; }));
    expect(v1 == 1 && ok1, "the queued value first");
    expect(!ok2, "then ok=false");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

}  // namespace
}  // namespace chancheck::testing
