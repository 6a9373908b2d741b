// rate_limiter.cpp: a token bucket of two filled by a ticker; three clients each
// take a token; the filler stops when told to.
//
// The Go original:
//   tokens := make(chan struct{}, 2)
//   stop, stopped := make(chan struct{}), make(chan struct{})
//   go func() {
//       defer close(stopped)
//       t := time.NewTicker(10 * time.Millisecond)
//       defer t.Stop()
//       for {
//           select {
//           case <-t.C: select { case tokens <- struct{}{}: default: }
//           case <-stop: return
//           }
//       }
//   }()
//   var wg sync.WaitGroup
//   for c := 0; c < 3; c++ { wg.Add(1); go func() { defer wg.Done(); <-tokens }() }
//   wg.Wait()
//   close(stop)
//   <-stopped
//
// The bug twin (realistic/rate_limiter_bug): the filler sends with a plain
// `tokens <- struct{}{}`. Once the clients are served and the bucket is full, it
// blocks on that send and never sees stop.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

void run(bool fixed) {
  auto tokens = make_chan<empty>(2);
  auto stop = make_chan<empty>();
  auto stopped = make_chan<empty>();
  go("filler", [tokens, stop, stopped, fixed] {
    auto t = new_ticker(10ms);
    for (bool done = false; !done;)
      select(recv(t.c,
                  [&] {
                    if (fixed)
                      select(send(tokens, empty{}), default_case());
                    else
                      tokens.send(empty{});  // <- the bug: blocks while the bucket is full
                  }),
             recv(stop, [&] { done = true; }));
    t.stop();
    stopped.close();
  });
  auto wg = std::make_shared<wait_group>();
  for (int c = 0; c < 3; ++c) {
    wg->add(1);
    go("client", [tokens, wg] {
      (void)tokens.recv();
      wg->done();
    });
  }
  wg->wait();
  stop.close();
  (void)stopped.recv();  // <- reported in the bug twin
}

}  // namespace

CHANCHECK_SCENARIO("realistic/rate_limiter") { run(true); }

CHANCHECK_SCENARIO("realistic/rate_limiter_bug", expected::deadlock) { run(false); }
