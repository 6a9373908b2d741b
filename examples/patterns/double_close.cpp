// double_close.cpp: a channel closed by more than one of the tasks that feed it.
//
// Every worker closes the shared `finished` channel when it is done, to tell the
// caller; the second close panics ("close of closed channel"). The fix counts the
// workers with a wait group and lets one closer task close the channel after the
// last of them.
//
// The Go original:
//   finished := make(chan struct{})
//   for _, j := range jobs {
//       go func(j int) {
//           run(j)
//           close(finished) // the second worker to get here panics
//       }(j)
//   }
//   <-finished
//   // fix:
//   //   var wg sync.WaitGroup
//   //   ... wg.Add(1); go func(j int) { defer wg.Done(); run(j) }(j) ...
//   //   go func() { wg.Wait(); close(finished) }()
#include <chancheck/scenario.hpp>
#include <memory>
#include <vector>

using namespace chancheck;

namespace {

void run(bool single_closer) {
  const std::vector<int> jobs{1, 2};
  auto finished = make_chan<empty>();
  auto wg = std::make_shared<wait_group>();
  for (int j : jobs) {
    if (single_closer) wg->add(1);
    go("worker", [finished, wg, j, single_closer] {
      (void)j;  // run(j)
      if (single_closer)
        wg->done();
      else
        finished.close();  // <- reported here
    });
  }
  if (single_closer)
    go("closer", [finished, wg] {
      wg->wait();
      finished.close();
    });
  (void)finished.recv();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/double_close", expected::panic) { run(false); }

CHANCHECK_SCENARIO("patterns/double_close_fixed") { run(true); }
