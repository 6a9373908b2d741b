// same_channel_cases.cpp: a blocked select's cases on one channel complete in any order.
//
// main blocks in a select with two send cases on the same channel. Go enqueues a
// blocked select's cases in a random order, so the receiver that arrives later
// completes either case (measured with Go 1.19: about half the rounds each). Code
// that counts on the first case (here: a receiver that expects the value 1) fails
// in Go about half the time. An explorer that always queued the cases in their
// written order would "prove" this assertion over every interleaving.
#include <chancheck/scenario.hpp>

using namespace chancheck;

CHANCHECK_SCENARIO("select/same_channel_cases", expected::assertion) {
  auto c = make_chan<int>();
  go("receiver", [c] {
    int v = -1;
    bool blocked_first = false;  // main's select was already blocked when this one ran
    select(recv(c, [&](int x) { v = x, blocked_first = true; }), default_case());
    if (!blocked_first) {
      (void)c.recv();
      return;
    }
    expect(v != 0, "the blocked select completed its second case");  // <- reported here
  });
  select(send(c, 1), send(c, 0));
}
