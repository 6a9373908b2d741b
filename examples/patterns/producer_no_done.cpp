// producer_no_done.cpp: a long-running producer whose send has no done() case.
//
// The producer sends numbers forever; the consumer takes what it needs, cancels
// the context and returns. The producer's send watches nothing but the channel,
// so it waits forever for a receiver that is gone. The fix sends in a select that
// also watches ctx.done() and returns when the context ends.
//
// The Go original:
//   func produce(ctx context.Context, out chan<- int) {
//       for i := 0; ; i++ {
//           out <- i // fix: select { case out <- i: case <-ctx.Done(): return }
//       }
//   }
//   func firstThree() []int {
//       ctx, cancel := context.WithCancel(context.Background())
//       defer cancel()
//       out := make(chan int)
//       go produce(ctx, out)
//       return []int{<-out, <-out, <-out}
//   }
#include <chancheck/scenario.hpp>
#include <vector>

using namespace chancheck;

namespace {

void produce(const context& ctx, const chan<int>& out, bool watch_done) {
  for (int i = 0;; ++i) {
    if (!watch_done) {
      out.send(i);  // <- reported here
      continue;
    }
    bool stop = false;
    select(send(out, i), recv(ctx.done(), [&] { stop = true; }));
    if (stop) return;
  }
}

std::vector<int> first_three(bool watch_done) {
  auto [ctx, cancel] = with_cancel(background());
  CHANCHECK_DEFER(cancel());
  auto out = make_chan<int>();
  go("producer", [ctx, out, watch_done] { produce(ctx, out, watch_done); });
  std::vector<int> got;
  for (int k = 0; k < 3; ++k) got.push_back(out.recv().value);
  return got;
}

}  // namespace

CHANCHECK_SCENARIO("patterns/producer_no_done", expected::leak) { (void)first_three(false); }

CHANCHECK_SCENARIO("patterns/producer_no_done_fixed") { (void)first_three(true); }
