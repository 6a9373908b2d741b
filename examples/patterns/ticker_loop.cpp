// ticker_loop.cpp: a ticker loop that exits only on a channel nobody closes.
//
// serve() starts a heartbeat that beats on every tick until its context is done,
// and waits for it to finish. The only thing that would close ctx.done() is the
// deferred cancel(), which runs after the wait: nobody closes it, and the
// heartbeat loops forever (under the explorer it runs into the step bound, which
// names the loop's select). The fix bounds the heartbeat's life with a deadline,
// so ctx.done() closes on its own.
//
// The Go original:
//   func serve(parent context.Context) {
//       ctx, cancel := context.WithCancel(parent) // fix: context.WithTimeout(parent, 25*time.Millisecond)
//       defer cancel()                            // runs only after <-finished
//       finished := make(chan struct{})
//       go func() {
//           defer close(finished)
//           t := time.NewTicker(10 * time.Millisecond)
//           defer t.Stop()
//           for ctx.Err() == nil {
//               select {
//               case <-t.C:
//                   beat()
//               case <-ctx.Done():
//               }
//           }
//       }()
//       <-finished
//   }
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

void serve(const context& parent, bool with_deadline) {
  auto [ctx, cancel] = with_deadline ? with_timeout(parent, 25ms) : with_cancel(parent);
  auto finished = make_chan<empty>();
  go("heartbeat", [ctx, finished] {
    auto t = new_ticker(10ms);
    int beats = 0;
    while (ctx.err() == context_error::none)
      select(recv(t.c, [&] { ++beats; }), recv(ctx.done()));  // <- reported here
    t.stop();
    finished.close();
  });
  (void)finished.recv();
  cancel();  // Go's deferred cancel()
}

}  // namespace

CHANCHECK_SCENARIO("patterns/ticker_loop", expected::step_limit) { serve(background(), false); }

CHANCHECK_SCENARIO("patterns/ticker_loop_fixed") { serve(background(), true); }
