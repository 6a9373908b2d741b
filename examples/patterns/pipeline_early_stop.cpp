// pipeline_early_stop.cpp: a two-stage pipeline whose second stage stops early.
//
// gen() sends its numbers down an unbuffered channel; the second stage squares
// them until it meets one it cannot handle, then returns (closing its own output,
// so the caller is fine). The first stage is left blocked on its next send: no
// one reads from it again. The fix gives the stages a done channel that the
// second stage closes when it returns, and gen() sends in a select that watches
// it.
//
// The Go original:
//   func gen(done <-chan struct{}, nums ...int) <-chan int {
//       out := make(chan int)
//       go func() {
//           defer close(out)
//           for _, n := range nums {
//               out <- n // fix: select { case out <- n: case <-done: return }
//           }
//       }()
//       return out
//   }
//   func square(in <-chan int) <-chan int {
//       out := make(chan int)
//       go func() {
//           defer close(out) // fix: and close(done)
//           for n := range in {
//               if n < 0 {
//                   return // stops early
//               }
//               out <- n * n
//           }
//       }()
//       return out
//   }
//   for sq := range square(gen(done, 1, -1, 3)) { use(sq) }
#include <chancheck/scenario.hpp>
#include <vector>

using namespace chancheck;

namespace {

chan<int> gen(const chan<empty>& done, std::vector<int> nums, bool watch_done) {
  auto out = make_chan<int>();
  go("gen", [done, out, nums, watch_done] {
    for (int n : nums) {
      if (!watch_done) {
        out.send(n);  // <- reported here
        continue;
      }
      bool stop = false;
      select(send(out, n), recv(done, [&] { stop = true; }));
      if (stop) break;
    }
    out.close();
  });
  return out;
}

chan<int> square(const chan<int>& in, const chan<empty>& done, bool close_done) {
  auto out = make_chan<int>();
  go("square", [in, out, done, close_done] {
    for (;;) {  // for n := range in
      auto [n, ok] = in.recv();
      if (!ok || n < 0) break;  // a negative number stops the stage early
      out.send(n * n);
    }
    out.close();
    if (close_done) done.close();
  });
  return out;
}

void run(bool fixed) {
  auto done = make_chan<empty>();
  auto squares = square(gen(done, {1, -1, 3}, fixed), done, fixed);
  int sum = 0;
  for (;;) {
    auto [sq, ok] = squares.recv();
    if (!ok) break;
    sum += sq;
  }
  expect(sum == 1, "only the square of the first number comes out");
}

}  // namespace

CHANCHECK_SCENARIO("patterns/pipeline_early_stop", expected::leak) { run(false); }

CHANCHECK_SCENARIO("patterns/pipeline_early_stop_fixed") { run(true); }
