// wg_missing_done.cpp: a wait group wait that misses a done().
//
// handle() starts a worker per item and a closer task that waits for all of them
// and then closes `done`; it returns when `done` closes or its context times out.
// A worker returns early on an empty item without calling done(), so the counter
// never reaches zero and the closer waits forever, long after handle() gave up.
// The fix calls done() on every path (Go's defer wg.Done() first thing).
//
// The Go original:
//   func handle(items []string) {
//       ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
//       defer cancel()
//       var wg sync.WaitGroup
//       for _, it := range items {
//           wg.Add(1)
//           go func(it string) {
//               if it == "" {
//                   return // fix: defer wg.Done() before this
//               }
//               process(it)
//               wg.Done()
//           }(it)
//       }
//       done := make(chan struct{})
//       go func() { wg.Wait(); close(done) }() // waits forever
//       select {
//       case <-done:
//       case <-ctx.Done():
//       }
//   }
#include <chancheck/scenario.hpp>
#include <memory>
#include <string>
#include <vector>

using namespace chancheck;

namespace {

void handle(const std::vector<std::string>& items, bool done_on_every_path) {
  auto [ctx, cancel] = with_timeout(background(), 50ms);
  CHANCHECK_DEFER(cancel());
  auto wg = std::make_shared<wait_group>();
  for (const auto& it : items) {
    wg->add(1);
    go("worker", [wg, it, done_on_every_path] {
      if (it.empty()) {
        if (done_on_every_path) wg->done();
        return;
      }
      wg->done();
    });
  }
  auto done = make_chan<empty>();
  go("closer", [wg, done] {
    wg->wait();  // <- reported here
    done.close();
  });
  select(recv(done), recv(ctx.done()));
}

}  // namespace

CHANCHECK_SCENARIO("patterns/wg_missing_done", expected::leak) { handle({"a", ""}, false); }

CHANCHECK_SCENARIO("patterns/wg_missing_done_fixed") { handle({"a", ""}, true); }
