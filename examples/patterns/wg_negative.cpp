// wg_negative.cpp: done() called too often, so the wait group's counter goes
// negative and Go panics ("sync: negative WaitGroup counter").
//
// Each worker calls done() when it finishes, but the error path calls it once
// more before that. The fix reports the error and lets the single done() at the
// end count the worker.
//
// The Go original:
//   var wg sync.WaitGroup
//   wg.Add(len(jobs))
//   for _, j := range jobs {
//       go func(j int) {
//           if err := run(j); err != nil {
//               log.Print(err)
//               wg.Done() // fix: drop this one
//           }
//           wg.Done() // panics once the counter is below zero
//       }(j)
//   }
//   wg.Wait()
#include <chancheck/scenario.hpp>
#include <memory>
#include <vector>

using namespace chancheck;

namespace {

/// Job 2 fails.
bool run_job(int job) { return job != 2; }

void run(bool fixed) {
  const std::vector<int> jobs{1, 2};
  auto wg = std::make_shared<wait_group>();
  wg->add(static_cast<std::int64_t>(jobs.size()));
  for (int j : jobs)
    go("worker", [wg, j, fixed] {
      if (!run_job(j) && !fixed) wg->done();
      wg->done();  // <- reported here
    });
  wg->wait();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/wg_negative", expected::panic) { run(false); }

CHANCHECK_SCENARIO("patterns/wg_negative_fixed") { run(true); }
