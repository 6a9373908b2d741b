// order_tests.cpp: a user's GoogleTest tests with chancheck: an explored test, a
// matcher on check(), and a regression test that replays a saved token.
#include <chancheck/gtest.hpp>
#include <cstdlib>

using namespace chancheck;
using chancheck::testing::finds;
using chancheck::testing::passes;

namespace {

// Fetches a price with a deadline. With capacity 0 the lookup task is left
// blocked on its send when the deadline wins: the forgotten sender.
int price(int id, std::size_t capacity) {
  auto [ctx, cancel] = with_timeout(background(), 50ms);
  CHANCHECK_DEFER(cancel());
  auto results = make_chan<int>(capacity);
  go("lookup", [results, id] {
    sleep(80ms);
    results.send(id * 10);
  });
  int out = -1;
  select(recv(ctx.done(), [&] { out = -1; }), recv(results, [&](int v) { out = v; }));
  return out;
}

}  // namespace

// Explored: every interleaving of the body runs; a violation fails the test with the report and a token.
CHANCHECK_TEST(Orders, PriceWithRoomForTheAnswer) { price(7, 1); }

// check() returns the verdict, the violations, the report and a token; matchers read them.
TEST(Orders, UnbufferedPriceLeaksTheLookup) {
  check_options leak;
  leak.name = "orders/price_leak";  // the name its token is bound to
  EXPECT_THAT(check([] { price(7, 0); }, leak), finds(violation_kind::leak));
  EXPECT_THAT(check([] { price(7, 1); }), passes());
}

// A regression test: the token saved when the leak was found replays that very interleaving.
TEST(Regression, SavedTokenReplaysTheLeak) {
  check_result r = replay([] { price(7, 0); }, "@" ORDERS_TOKENS "/price_leak.token", "orders/price_leak");
  ASSERT_THAT(r, finds(violation_kind::leak));
  EXPECT_EQ(r.violations[0].task, "lookup");
}

// The same token through the environment (CMakeLists.txt sets CHANCHECK_REPLAY=@tokens/price_leak.token for
// the ctest test orders_token_from_environment): check() replays it instead of exploring.
TEST(Regression, TokenFromTheEnvironment) {
  check_options o;
  o.name = "orders/price_leak";
  check_result r = check([] { price(7, 0); }, o);
  EXPECT_THAT(r, finds(violation_kind::leak));
  if (std::getenv("CHANCHECK_REPLAY") != nullptr) EXPECT_TRUE(r.replayed) << r.report;
}
