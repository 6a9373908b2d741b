// dpor_peek_test.cpp: reads of an object's state without a scheduling point
// (ctx.err(), len(ch), a child context made from a parent that may be canceled)
// are reads dpor orders with the steps that change that state. Before they were recorded, a woken task's step that read
// them touched nothing, so it commuted with the cancel or the send for dpor and slept through them: dpor reached one
// outcome where dfs reaches two.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <functional>
#include <memory>
#include <string>

#include "util/same_outcomes.hpp"

namespace chancheck::testing {

namespace {

/// A reader woken by main's send looks at context ctx with `canceled` (true: it
/// saw it canceled) while another task cancels ctx: both answers are reachable.
void expect_both_answers(const std::function<bool(const context&)>& canceled) {
  std::string out;
  expect_same_outcomes(
      [&out, &canceled] {
        auto [ctx, cancel] = with_cancel(background());
        auto c = make_chan<int>();
        go("reader", [c, ctx = ctx, &out, &canceled] {
          (void)c.recv();
          out = canceled(ctx) ? "canceled" : "none";
        });
        go("canceller", [cancel = cancel] { cancel(); });
        c.send(1);
      },
      out, {"canceled", "none"});
}

}  // namespace

TEST(DporPeek, AWokenTaskReadingCtxErrIsOrderedWithTheCancel) {
  expect_both_answers([](const context& ctx) { return ctx.err() != context_error::none; });
}

TEST(DporPeek, AWokenTaskMakingAChildContextIsOrderedWithTheParentsCancel) {
  expect_both_answers([](const context& ctx) {
    auto [child, stop] = with_cancel(ctx);  // born canceled when the parent is
    const bool canceled = child.err() != context_error::none;
    stop();
    return canceled;
  });
}

TEST(DporPeek, AWokenTaskReadingLenIsOrderedWithTheSend) {
  std::string out;
  expect_same_outcomes(
      [&out] {
        auto c = make_chan<int>();
        auto b = make_chan<int>(1);
        go("reader", [c, b, &out] {
          (void)c.recv();
          out = b.len() == 0 ? "empty" : "full";
        });
        go("sender", [b] { b.send(7); });
        c.send(1);
      },
      out, {"empty", "full"});
}

}  // namespace chancheck::testing
