// select_cases_test.cpp: the run-time select, select(std::vector<select_case>),
// follows rules 6 and 7 as the fixed-arity select does: every ready case is
// explored, the default runs only when no case is ready, a nil channel's case is
// never ready, no case and no default blocks forever; it returns the index of the
// case taken. Checked under dfs and dpor in both time modes, and on real threads.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"
#include "sync/each_search.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// Explores `body` under each search; expects a pass and returns the values it recorded.
std::set<int> seen_in(const explore_options& o, const std::function<int()>& body) {
  auto seen = std::make_shared<std::set<int>>();
  EXPECT_TRUE(passes_exhaustively(explore_body([seen, body] { seen->insert(body()); }, o)));
  return *seen;
}

TEST(SelectCasesRules, EveryReadyCaseIsExploredAndItsIndexReturned) {
  auto body = [] {
    std::vector<chan<int>> ins;
    for (int i = 0; i < 3; ++i) {
      ins.push_back(make_chan<int>(1));
      ins.back().send(10 + i);
    }
    int got = -1;
    std::vector<select_case> cases;
    for (auto& in : ins) cases.push_back(recv(in, [&got](int v) { got = v; }));
    int k = select(cases);
    expect(got == 10 + k, "the case taken ran with its channel's value");
    for (int i = 0; i < 3; ++i) expect(ins[i].len() == (i == k ? 0u : 1u), "only the case taken received");
    return k;
  };
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(seen_in(s.options, body), (std::set<int>{0, 1, 2}));
  }
}

TEST(SelectCasesRules, CasesMadeReadyByOtherTasksAreEachExplored) {
  auto body = [] {
    auto a = make_chan<int>();
    auto b = make_chan<int>();
    go("a", [a] { a.send(1); });
    go("b", [b] { b.send(2); });
    int v = 0;
    int k = select([&] {  // a list built in the call
      std::vector<select_case> c;
      c.push_back(recv(a, [&v](int x) { v = x; }));
      c.push_back(recv(b, [&v](int x) { v = x; }));
      return c;
    }());
    expect(v == k + 1, "the case taken got its sender's value");
    expect((k == 0 ? b : a).recv().value == 2 - k, "the other sender still delivers");
    return k;
  };
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(seen_in(s.options, body), (std::set<int>{0, 1}));
  }
}

TEST(SelectCasesRules, DefaultRunsExactlyWhenNoCaseIsReady) {
  auto body = [] {
    auto ch = make_chan<int>(1);
    go("sender", [ch] { ch.send(7); });
    std::vector<select_case> cases;
    cases.push_back(default_case());
    cases.push_back(recv(ch, [](int v) { expect(v == 7, "the sender's value"); }));
    int k = select(cases);
    if (k == 0) expect(ch.recv().value == 7, "the default ran before the sender arrived");
    return k;
  };
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(seen_in(s.options, body), (std::set<int>{0, 1}));
  }
  auto ready = [] {
    auto ch = make_chan<int>(1);
    ch.send(1);
    std::vector<select_case> cases;
    cases.push_back(default_case([] { panic("default with a ready case"); }));
    cases.push_back(recv(ch));
    return select(cases);
  };
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(seen_in(s.options, ready), (std::set<int>{1}));
  }
}

TEST(SelectCasesRules, ANilChannelsCaseIsNeverReady) {
  auto body = [] {
    chan<int> nil;
    std::vector<select_case> cases;
    cases.push_back(recv(nil, [] { panic("nil receive taken"); }));
    cases.push_back(send(nil, 1, [] { panic("nil send taken"); }));
    cases.push_back(default_case());
    return select(cases);
  };
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(seen_in(s.options, body), (std::set<int>{2}));
  }
}

TEST(SelectCasesRules, SendCasesAndClosedChannels) {
  auto body = [] {
    auto out = make_chan<int>(1);
    auto closed = make_chan<int>();
    closed.close();
    bool recv_ok = true;
    std::vector<select_case> cases;
    cases.push_back(send(out, 5));
    cases.push_back(recv(closed, [&recv_ok](int v, bool ok) { recv_ok = ok || v != 0; }));
    int k = select(cases);
    if (k == 0) expect(out.recv().value == 5, "the send case sent its value");
    if (k == 1) expect(!recv_ok, "a closed channel's case is ready with (zero, false)");
    return k;
  };
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(seen_in(s.options, body), (std::set<int>{0, 1}));
  }
}

TEST(SelectCasesRules, SendCaseOnAClosedChannelPanicsAtItsLine) {
  static unsigned line = 0;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto o = explore_body(
        [] {
          auto ch = make_chan<int>(1);
          ch.close();
          std::vector<select_case> cases;
          line = __LINE__ + 1;
          cases.push_back(send(ch, 1));
          select(cases);
        },
        s.options);
    EXPECT_TRUE(fails_with(o, "panic", __FILE__, line));
  }
}

TEST(SelectCasesRules, BlockedSelectIsWokenAndItsLeakIsReportedAtTheSelect) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto woken = [] {
      auto a = make_chan<int>();
      auto b = make_chan<int>();
      go("late", [b] { b.send(3); });
      std::vector<select_case> cases;
      cases.push_back(recv(a));
      cases.push_back(recv(b));
      return select(cases);
    };
    EXPECT_EQ(seen_in(s.options, woken), (std::set<int>{1}));
    static unsigned line = 0;
    auto leaked = explore_body(
        [] {
          go("selector", [] {
            std::vector<select_case> cases;
            cases.push_back(recv(make_chan<int>()));
            line = __LINE__ + 1;
            select(cases);
          });
        },
        s.options);
    EXPECT_TRUE(fails_with(leaked, "leak", __FILE__, line));
    static unsigned empty_line = 0;
    auto empty = explore_body(
        [] {
          empty_line = __LINE__ + 1;
          select(std::vector<select_case>{});
        },
        s.options);
    EXPECT_TRUE(fails_with(empty, "deadlock", __FILE__, empty_line));
  }
}

TEST(SelectCasesRules, TwoDefaultCasesPanic) {
  auto o = explore_body([] {
    std::vector<select_case> cases;
    cases.push_back(default_case());
    cases.push_back(default_case());
    select(cases);
  });
  ASSERT_EQ(verdict_of(o), "panic") << describe(o);
  EXPECT_NE(o.violations.front().message.find("cases 0 and 1 are both default cases"), std::string::npos);
}

TEST(SelectCasesRules, DporAgreesWithDfsOnAFanIn) {
  // Three producers; main takes their values with run-time selects over every channel.
  auto body = [] {
    std::vector<chan<int>> ins;
    for (int i = 1; i <= 3; ++i) {
      ins.push_back(make_chan<int>());
      go("producer", [c = ins.back(), i] { c.send(i); });
    }
    int order = 0;
    for (int n = 0; n < 3; ++n) {
      std::vector<select_case> cases;
      for (auto& in : ins) cases.push_back(recv(in, [&order](int v) { order = order * 10 + v; }));
      select(cases);
    }
    return order;
  };
  std::set<int> first;
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    auto seen = seen_in(s.options, body);
    EXPECT_EQ(seen, (std::set<int>{123, 132, 213, 231, 312, 321}));  // every order of arrival
    if (first.empty()) first = seen;
    EXPECT_EQ(seen, first);
  }
}

TEST(SelectCasesRules, OnRealThreadsFansIn) {
  std::vector<chan<int>> ins;
  for (int i = 0; i < 4; ++i) {
    ins.push_back(make_chan<int>());
    go("producer", [c = ins.back(), i] { c.send(i + 1); });
  }
  int sum = 0;
  for (int n = 0; n < 4; ++n) {
    std::vector<select_case> cases;
    for (auto& in : ins) cases.push_back(recv(in, [&sum](int v) { sum += v; }));
    select(cases);
  }
  EXPECT_EQ(sum, 1 + 2 + 3 + 4);
  auto none = make_chan<int>();
  std::vector<select_case> cases;
  cases.push_back(recv(none));
  cases.push_back(default_case());
  EXPECT_EQ(select(cases), 1);
  EXPECT_TRUE(verify_no_leaks({.grace = std::chrono::milliseconds(2000)}).ok());
}

}  // namespace
}  // namespace chancheck::testing
