// orders.cpp: a user's scenario file, as a project that uses chancheck writes it.
// The same process() could run on real threads in production.
#include <chancheck/scenario.hpp>

// The project's own headers, at paths chancheck's folders also have.
#include "harness/explorer.hpp"
#include "model/time.hpp"
#include "properties/scenario.hpp"

using namespace chancheck;

namespace {

int lookup(int id) {
  sleep(30ms);
  return id * 10;
}

// Fetches a price with a deadline; the result channel has room for one value,
// so the lookup task can always finish even after the caller gave up.
int price(int id) {
  auto [ctx, cancel] = with_timeout(background(), 50ms);
  CHANCHECK_DEFER(cancel());
  auto results = make_chan<int>(1);
  go("lookup", [results, id] { results.send(lookup(id)); });
  int out = -1;
  select(recv(ctx.done(), [&] { out = -1; }),
         recv(results, [&](int v) { out = v; }));
  return out;
}

}  // namespace

CHANCHECK_SCENARIO("orders/price") {
  static_assert(orders::model::opening_hour == 8);
  int p = price(orders::harness::sample_id);
  expect(orders::properties::is_price_or_timeout(p, orders::harness::sample_id), "a price or a timeout");
}
