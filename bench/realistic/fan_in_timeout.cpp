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
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

CHANCHECK_SCENARIO("realistic/fan_in_timeout") {
  auto [ctx, cancel] = with_timeout(background(), 50ms);
  auto merged = make_chan<int>();
  auto wg = std::make_shared<wait_group>();
  for (int s = 1; s <= 3; ++s) {
    wg->add(1);
    go("source", [ctx, merged, wg, s] {
      select(send(merged, s), recv(ctx.done()));
      wg->done();
    });
  }
  int got = 0;
  for (bool late = false; got < 3 && !late;)
    select(recv(merged, [&] { ++got; }), recv(ctx.done(), [&] { late = true; }));
  cancel();
  wg->wait();
}
