// order_properties.cpp: a user's RapidCheck properties over explored code, inside
// GoogleTest. PriceNeverLeaks fails by design: RapidCheck shrinks the capacity to 0,
// and the failure shows the leak and a token that replays the input and the schedule
// (the consumer's CMakeLists.txt checks that output). PriceWithRoomNeverLeaks passes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <chancheck/chancheck.hpp>
#include <chancheck/rapidcheck.hpp>

using namespace chancheck;

namespace {

// A price lookup with a deadline; the answer waits in a channel of `capacity`.
void price_with(std::size_t capacity, duration lookup) {
  auto [ctx, cancel] = with_timeout(background(), std::chrono::milliseconds(50));
  CHANCHECK_DEFER(cancel());
  auto results = make_chan<int>(capacity);
  go("lookup", [results, lookup] {
    sleep(lookup);
    results.send(70);
  });
  select(recv(ctx.done()), recv(results));
}

check_options exact() {
  check_options o;
  o.name = "orders/price_property";
  o.time = time_mode::exact;
  return o;
}

}  // namespace

RC_GTEST_PROP(OrderProperties, PriceNeverLeaks, ()) {
  const std::size_t capacity = *gen_capacity(4);
  const duration lookup = *gen_duration(std::chrono::milliseconds(0), std::chrono::milliseconds(100));
  check_property(price_with, exact(), capacity, lookup);
}

RC_GTEST_PROP(OrderProperties, PriceWithRoomNeverLeaks, ()) {
  const std::size_t capacity = *rc::gen::inRange<std::size_t>(1, 5);
  const duration lookup = *gen_duration(std::chrono::milliseconds(0), std::chrono::milliseconds(100));
  check_property(price_with, exact(), capacity, lookup);
}
