// fan_in_timeout.cpp: three sources send into one channel; main reads until it
// has every value or its deadline passes, then cancels, and waits for the sources.
//
// The Go original:
//   ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
//   merged := make(chan int)
//   var wg sync.WaitGroup
//   for s := 1; s <= 3; s++ {
//       wg.Add(1)
//       go func(s int) { defer wg.Done(); select { case merged <- s: case <-ctx.Done(): } }(s)
//   }
//   got := 0
//   loop: for got < 3 { select { case <-merged: got++; case <-ctx.Done(): break loop } }
//   cancel()
//   wg.Wait()
//
// The bug twin (realistic/fan_in_timeout_bug): the sources send with a plain
// `merged <- s`. When the deadline passes first, main stops reading and waits
// for sources that are blocked on their sends.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

void run(bool fixed) {
  auto [ctx, cancel] = with_timeout(background(), 50ms);
  auto merged = make_chan<int>();
  auto wg = std::make_shared<wait_group>();
  for (int s = 1; s <= 3; ++s) {
    wg->add(1);
    go("source", [ctx, merged, wg, s, fixed] {
      if (fixed)
        select(send(merged, s), recv(ctx.done()));
      else
        merged.send(s);  // <- the bug: nobody reads once main's deadline has passed
      wg->done();
    });
  }
  int got = 0;
  for (bool late = false; got < 3 && !late;)
    select(recv(merged, [&] { ++got; }), recv(ctx.done(), [&] { late = true; }));
  cancel();
  wg->wait();  // <- reported in the bug twin
}

}  // namespace

CHANCHECK_SCENARIO("realistic/fan_in_timeout") { run(true); }

CHANCHECK_SCENARIO("realistic/fan_in_timeout_bug", expected::deadlock) { run(false); }
