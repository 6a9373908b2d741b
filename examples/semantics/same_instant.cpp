// same_instant.cpp: timers due at the same instant wake their tasks together.
//
// Two tasks sleep 1 ms; under `--time exact` both sleeps end at the same instant,
// and, as with Go's synctest, both tasks wake then and run in any order. Task a
// hands itself a token and takes it back; when b's select takes the token first,
// a finds none and waits forever on a channel nobody sends on. (Firing one timer
// and running its task until it blocks before firing the next would never let a
// and b run side by side, and would pass this exhaustively.)
#include <chancheck/scenario.hpp>

using namespace chancheck;

CHANCHECK_SCENARIO("timers/same_instant", expected::leak) {
  auto token = make_chan<int>(1);
  auto never = make_chan<int>();
  go("a", [=] {
    sleep(1ms);
    token.send(1);
    yield();
    bool took = false;
    select(recv(token, [&] { took = true; }), default_case());
    if (!took) (void)never.recv();  // <- reported here
  });
  go("b", [=] {
    sleep(1ms);
    select(recv(token), default_case());
  });
}
