// ticker_loop.cpp: a ticker loop that exits only on a channel nobody closes.
//
// serve() starts a heartbeat task that beats on every tick until `quit` is
// closed, then handles its work and returns, but never closes `quit`: the
// heartbeat loops forever (under the explorer it runs into the step bound, which
// names the loop's select). The fix closes `quit` when serve() returns.
//
// The Go original:
//   func serve() {
//       quit := make(chan struct{})
//       // fix: defer close(quit)
//       go func() {
//           t := time.NewTicker(10 * time.Millisecond)
//           defer t.Stop()
//           for {
//               select {
//               case <-t.C:
//                   beat()
//               case <-quit:
//                   return
//               }
//           }
//       }()
//       handle()
//   }
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

void serve(bool close_quit) {
  auto quit = make_chan<empty>();
  go("heartbeat", [quit] {
    auto t = new_ticker(10ms);
    defer stop_ticker([t] { t.stop(); });
    int beats = 0;
    for (bool done = false; !done;)
      select(recv(t.c, [&] { ++beats; }),  // <- reported here
             recv(quit, [&] { done = true; }));
  });
  sleep(25ms);  // handle(): takes a while
  if (close_quit) quit.close();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/ticker_loop", expected::step_limit) { serve(false); }

CHANCHECK_SCENARIO("patterns/ticker_loop_fixed") { serve(true); }
