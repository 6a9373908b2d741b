// range_unclosed.cpp: a range over a channel that nobody closes.
//
// sum() hands its numbers to a consumer task that ranges over the channel. The
// producer sends every number and returns without closing the channel, so the
// consumer's range never ends: after the last value it waits forever. The fix
// closes the channel once the last value is sent.
//
// The Go original:
//   func sum(nums []int, total chan<- int) {
//       ch := make(chan int)
//       go func() {
//           s := 0
//           for n := range ch { // waits forever after the last value
//               s += n
//           }
//           total <- s
//       }()
//       for _, n := range nums {
//           ch <- n
//       }
//       // fix: close(ch)
//   }
#include <chancheck/scenario.hpp>
#include <vector>

using namespace chancheck;

namespace {

void sum(const std::vector<int>& nums, bool close_when_done) {
  auto ch = make_chan<int>();
  auto total = make_chan<int>(1);
  go("consumer", [ch, total] {
    int s = 0;
    for (;;) {  // for n := range ch
      auto [n, ok] = ch.recv();  // <- reported here
      if (!ok) break;
      s += n;
    }
    total.send(s);
  });
  for (int n : nums) ch.send(n);
  if (close_when_done) ch.close();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/range_unclosed", expected::leak) { sum({1, 2}, false); }

CHANCHECK_SCENARIO("patterns/range_unclosed_fixed") { sum({1, 2}, true); }
