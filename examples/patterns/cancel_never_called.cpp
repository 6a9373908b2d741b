// cancel_never_called.cpp: a context whose cancel is never called, so a task
// waiting on its done() channel hangs.
//
// start_watcher() derives a cancellable context and starts a task that cleans up
// when the context ends, but drops the cancel function (go vet's "lostcancel").
// With a parent that never ends, done() is never closed and the watcher waits
// forever. The fix defers cancel().
//
// The Go original:
//   func startWatcher(parent context.Context) {
//       ctx, cancel := context.WithCancel(parent)
//       _ = cancel // fix: defer cancel()
//       go func() {
//           <-ctx.Done()
//           cleanup()
//       }()
//       work(ctx)
//   }
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

void start_watcher(const context& parent, bool call_cancel) {
  auto [ctx, cancel] = with_cancel(parent);
  CHANCHECK_DEFER({
    if (call_cancel) cancel();
  });
  go("watcher", [ctx] {
    (void)ctx.done().recv();  // <- reported here
  });
  yield();  // work(ctx)
}

}  // namespace

CHANCHECK_SCENARIO("patterns/cancel_never_called", expected::leak) { start_watcher(background(), false); }

CHANCHECK_SCENARIO("patterns/cancel_never_called_fixed") { start_watcher(background(), true); }
