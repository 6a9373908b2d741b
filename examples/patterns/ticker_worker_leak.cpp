// ticker_worker_leak.cpp: a ticker loop whose per-tick worker leaks.
//
// poll() fetches on every tick. Each round starts a worker and waits for its
// result until the next tick; the fetch is slower, so the tick wins, the round
// ends and drops its result channel, and the worker then blocks forever sending
// into it. The loop goes on ticking, so the leak is named by the mid-run
// leak check when the worker blocks, not at the end. The fix gives the channel
// room for the one result.
//
// The Go original:
//   func poll() {
//       t := time.NewTicker(10 * time.Millisecond)
//       defer t.Stop()
//       for round := 0; round < rounds; round++ { // a real poller: for range t.C
//           <-t.C
//           result := make(chan int) // fix: make(chan int, 1)
//           go func() { result <- fetch() }()
//           select {
//           case r := <-result:
//               use(r)
//           case <-t.C: // the next round is due: give up on this one
//           }
//       }
//   }
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

int fetch() {
  sleep(15ms);  // slower than the ticker's period
  return 42;
}

void poll(std::size_t capacity, int rounds) {
  auto t = new_ticker(10ms);
  for (int round = 0; round < rounds; ++round) {
    (void)t.c.recv();
    auto result = make_chan<int>(capacity);
    go("worker", [result] { result.send(fetch()); });  // <- reported here
    select(recv(result), recv(t.c));
  }
  t.stop();
}

}  // namespace

// Two rounds: the loop is still ticking when the first round's worker is certainly
// leaked. The fixed twin runs one round, which keeps its exhaustive search small: a
// live ticker's rounds multiply the search (docs/exploration.md, "Realistic fixed
// programs"); the fix is the same in every round.
CHANCHECK_SCENARIO("patterns/ticker_worker_leak", expected::leak) { poll(0, 2); }

CHANCHECK_SCENARIO("patterns/ticker_worker_leak_fixed") { poll(1, 1); }
