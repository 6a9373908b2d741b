// dpor_observer_test.cpp: a step that touches both sides of an unbuffered channel
// (a select with a default) sees which side of a rendezvous arrived first, so dpor
// must reach every order of the two arrivals around it that dfs reaches
// (docs/exploration.md, "A step that sees both sides sees which arrived first").
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <memory>
#include <string>

#include "util/same_outcomes.hpp"

namespace chancheck::testing {

namespace {

/// t1 locks a mutex, then receives (`late_receives`) or sends on c; t2 does the
/// other side; main's select with a default takes the case that t2's early arrival
/// makes ready, or the default.
void expect_select_to_see_the_early_side(bool late_receives) {
  std::string out;
  expect_same_outcomes(
      [&out, late_receives] {
        auto c = make_chan<int>();
        auto mu = std::make_shared<mutex>();
        go("t1", [c, mu, late_receives] {
          mu->lock();
          late_receives ? (void)c.recv() : c.send(2);
        });
        go("t2", [c, late_receives] { late_receives ? c.send(1) : (void)c.recv(); });
        const int k = late_receives ? select(recv(c), recv(c), default_case()) : select(send(c, 1), default_case());
        out = k == (late_receives ? 2 : 1) ? "default" : "case";
      },
      out, {"default", "case"});
}

}  // namespace

TEST(DporObserver, ASelectWithADefaultSeesASenderThatArrivedBeforeTheReceiver) {
  expect_select_to_see_the_early_side(true);
}

TEST(DporObserver, ASelectWithADefaultSeesAReceiverThatArrivedBeforeTheSender) {
  expect_select_to_see_the_early_side(false);
}

}  // namespace chancheck::testing
