// pipeline_cancel.cpp: a generator feeds two squarers whose outputs are merged;
// main takes the first result and cancels, and every stage returns.
//
// The Go original:
//   ctx, cancel := context.WithCancel(context.Background())
//   nums := make(chan int)
//   go func() { defer close(nums); for i := 1; i <= 3; i++ {
//       select { case nums <- i: case <-ctx.Done(): return } } }()
//   out := make(chan int)
//   var wg sync.WaitGroup
//   for w := 0; w < 2; w++ { wg.Add(1); go func() { defer wg.Done()
//       for n := range nums { select { case out <- n * n: case <-ctx.Done(): return } } }() }
//   go func() { wg.Wait(); close(out) }()
//   first := <-out
//   cancel()
//
// The bug twin (realistic/pipeline_cancel_bug): the squarers check ctx.Err()
// before a plain `out <- n * n` instead of selecting on ctx.Done(). A squarer
// that checked before main cancelled blocks on its send for ever.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

void squarer(const context& ctx, chan<int> nums, chan<int> out, std::shared_ptr<wait_group> wg, bool fixed) {
  for (;;) {  // for n := range nums
    auto [n, ok] = nums.recv();
    if (!ok) break;
    bool stop = false;
    if (fixed) {
      select(send(out, n * n), recv(ctx.done(), [&] { stop = true; }));
    } else {
      stop = ctx.err() != context_error::none;
      if (!stop) out.send(n * n);  // <- the bug: main may cancel between the check and the send
    }
    if (stop) break;
  }
  wg->done();
}

void run(bool fixed) {
  auto [ctx, cancel] = with_cancel(background());
  auto nums = make_chan<int>();
  go("generator", [ctx, nums] {
    for (int i = 1; i <= 3; ++i) {
      bool stop = false;
      select(send(nums, i), recv(ctx.done(), [&] { stop = true; }));
      if (stop) break;
    }
    nums.close();
  });
  auto out = make_chan<int>();
  auto wg = std::make_shared<wait_group>();
  for (int w = 0; w < 2; ++w) {
    wg->add(1);
    go("squarer", [ctx, nums, out, wg, fixed] { squarer(ctx, nums, out, wg, fixed); });
  }
  go("closer", [out, wg] {
    wg->wait();
    out.close();
  });
  auto [first, ok] = out.recv();
  expect(ok && (first == 1 || first == 4 || first == 9), "the first result is a square");
  cancel();
}

}  // namespace

CHANCHECK_SCENARIO("realistic/pipeline_cancel") { run(true); }

CHANCHECK_SCENARIO("realistic/pipeline_cancel_bug", expected::leak) { run(false); }
