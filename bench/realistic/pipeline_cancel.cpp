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
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

void squarer(const context& ctx, chan<int> nums, chan<int> out, std::shared_ptr<wait_group> wg) {
  for (;;) {  // for n := range nums
    auto [n, ok] = nums.recv();
    if (!ok) break;
    bool stop = false;
    select(send(out, n * n), recv(ctx.done(), [&] { stop = true; }));
    if (stop) break;
  }
  wg->done();
}

}  // namespace

CHANCHECK_SCENARIO("realistic/pipeline_cancel") {
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
    go("squarer", [ctx, nums, out, wg] { squarer(ctx, nums, out, wg); });
  }
  go("closer", [out, wg] {
    wg->wait();
    out.close();
  });
  auto [first, ok] = out.recv();
  expect(ok && (first == 1 || first == 4 || first == 9), "the first result is a square");
  cancel();
}
