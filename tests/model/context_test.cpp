// context_test.cpp: rule 8 of the Go semantics: a context's done() channel is
// closed (never sent on) on cancel, on deadline expiry, or when the parent is
// cancelled; cancel() is idempotent; err() says why; a context that is never
// cancelled keeps done() open forever.
#include <gtest/gtest.h>

#include <string>

#include <chancheck/chancheck.hpp>
#include "semantics_checks.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

TEST(GoSemantics, Rule08_DoneIsClosedOnCancel) {
  auto o = explore_body([] {
    auto [ctx, cancel] = with_cancel(background());
    auto seen = make_chan<bool>(1);
    go("waiter", [ctx, seen] {
      auto r = ctx.done().recv();
      seen.send(r.ok);
    });
    expect(ctx.err() == context_error::none, "a live context has no error");
    cancel();
    expect(!seen.recv().value, "done() was closed (ok=false), not sent on");
    expect(ctx.err() == context_error::canceled, "err() is canceled");
    expect(!ctx.done().recv().ok, "done() stays closed");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_DoneIsClosedOnDeadlineAtExactlyTheTimeout) {
  for (auto mode : {time_mode::any, time_mode::exact}) {
    auto o = explore_body(
        [] {
          time_point start = now();
          auto [ctx, cancel] = with_timeout(background(), 100ms);
          CHANCHECK_DEFER(cancel());
          auto r = ctx.done().recv();
          expect(!r.ok, "done() was closed");
          expect(now() - start == 100ms, "the deadline expired after exactly the timeout of virtual time");
          expect(ctx.err() == context_error::deadline_exceeded, "err() is deadline exceeded");
        },
        dfs(mode));
    EXPECT_TRUE(passes_exhaustively(o)) << (mode == time_mode::any ? "time any" : "time exact");
  }
}

TEST(GoSemantics, Rule08_WithDeadlineExpiresAtTheDeadline) {
  auto o = explore_body([] {
    time_point start = now();
    sleep(10ms);
    auto [ctx, cancel] = with_deadline(background(), start + 50ms);
    CHANCHECK_DEFER(cancel());
    (void)ctx.done().recv();
    expect(now() == start + 50ms, "the context ended at its deadline");
    expect(ctx.err() == context_error::deadline_exceeded, "err() is deadline exceeded");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_PastDeadlineIsAlreadyExpired) {
  auto o = explore_body([] {
    auto [ctx, cancel] = with_timeout(background(), -1ms);
    CHANCHECK_DEFER(cancel());
    bool closed = false;
    select(recv(ctx.done(), [&] { closed = true; }), default_case());
    expect(closed, "a context whose deadline passed is done at once");
    expect(ctx.err() == context_error::deadline_exceeded, "err() is deadline exceeded");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_DoneIsClosedWhenTheParentIsCancelled) {
  auto o = explore_body([] {
    auto [parent, cancel_parent] = with_cancel(background());
    auto [child, cancel_child] = with_cancel(parent);
    CHANCHECK_DEFER(cancel_child());
    auto [grandchild, cancel_grandchild] = with_cancel(child);
    CHANCHECK_DEFER(cancel_grandchild());
    go("canceller", [cancel_parent] { cancel_parent(); });
    expect(!child.done().recv().ok, "the child's done() was closed");
    expect(!grandchild.done().recv().ok, "the grandchild's done() was closed");
    expect(child.err() == context_error::canceled, "a child of a cancelled parent says canceled");
    expect(grandchild.err() == context_error::canceled, "so does its own child");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_ParentCancelEndsAChildBeforeItsOwnDeadline) {
  // Time `exact`: the child's hour-long timer cannot fire while the canceller can
  // still run, so the parent's cancel is what ends the child.
  auto o = explore_body(
      [] {
        auto [parent, cancel_parent] = with_cancel(background());
        auto [child, cancel_child] = with_timeout(parent, 1h);
        CHANCHECK_DEFER(cancel_child());
        time_point start = now();
        go("canceller", [cancel_parent] { cancel_parent(); });
        expect(!child.done().recv().ok, "the child's done() was closed");
        expect(child.err() == context_error::canceled, "the parent's cancel, not the deadline, ended it");
        expect(now() == start, "no time passed");
      },
      dfs(time_mode::exact));
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_ChildOfAnEndedParentIsBornDone) {
  auto o = explore_body([] {
    auto [parent, cancel_parent] = with_cancel(background());
    cancel_parent();
    auto [child, cancel_child] = with_cancel(parent);
    CHANCHECK_DEFER(cancel_child());
    bool closed = false;
    select(recv(child.done(), [&] { closed = true; }), default_case());
    expect(closed && child.err() == context_error::canceled, "the child is done at once");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_CancellingAChildLeavesTheParentAlone) {
  auto o = explore_body([] {
    auto [parent, cancel_parent] = with_cancel(background());
    CHANCHECK_DEFER(cancel_parent());
    auto [child, cancel_child] = with_cancel(parent);
    cancel_child();
    expect(child.err() == context_error::canceled, "the child ended");
    expect(parent.err() == context_error::none, "the parent did not");
    bool parent_done = false;
    select(recv(parent.done(), [&] { parent_done = true; }), default_case());
    expect(!parent_done, "the parent's done() is still open");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_CancelIsIdempotent) {
  auto o = explore_body([] {
    auto [ctx, cancel] = with_cancel(background());
    cancel();
    cancel();  // closing done() twice would panic
    go("late canceller", [cancel] { cancel(); });
    expect(ctx.err() == context_error::canceled, "still canceled");
    expect(!ctx.done().recv().ok, "done() closed once and stays closed");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_CancelAfterExpiryKeepsDeadlineExceeded) {
  auto o = explore_body([] {
    auto [ctx, cancel] = with_timeout(background(), 10ms);
    (void)ctx.done().recv();
    cancel();
    expect(ctx.err() == context_error::deadline_exceeded, "the first reason stays");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_CancelBeforeTheDeadlineWinsAndStopsTheTimer) {
  auto o = explore_body([] {
    time_point start = now();
    auto [ctx, cancel] = with_timeout(background(), 100ms);
    go("canceller", [cancel] { cancel(); });
    (void)ctx.done().recv();
    expect(ctx.err() == context_error::canceled || ctx.err() == context_error::deadline_exceeded,
           "the context ended for one of its two reasons");
    if (ctx.err() == context_error::canceled) expect(now() == start, "a cancel needs no time to pass");
  });
  EXPECT_TRUE(passes_exhaustively(o));
}

TEST(GoSemantics, Rule08_ErrSaysCanceledOrDeadlineExceeded) {
  EXPECT_EQ(std::string(to_string(context_error::canceled)), "context canceled");
  EXPECT_EQ(std::string(to_string(context_error::deadline_exceeded)), "context deadline exceeded");
  EXPECT_EQ(std::string(to_string(context_error::none)), "");
}

TEST(GoSemantics, Rule08_BackgroundDoneNeverCloses) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto ctx = background();
    expect(ctx.done().is_nil() && ctx.err() == context_error::none, "background has a nil done() and no error");
    go("waiter", [ctx] {
      line = __LINE__ + 1;
      (void)ctx.done().recv();  // never returns
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
}

TEST(GoSemantics, Rule08_UncancelledContextKeepsDoneOpenForever) {
  static unsigned line = 0;  // set just before the offending call
  auto o = explore_body([] {
    auto [ctx, cancel] = with_cancel(background());
    (void)cancel;  // never called
    go("waiter", [ctx] {
      line = __LINE__ + 1;
      (void)ctx.done().recv();
    });
  });
  EXPECT_TRUE(fails_with(o, "leak", __FILE__, line));
}

}  // namespace
}  // namespace chancheck::testing
