// worker_pool.cpp: three workers drain a job queue; a closer closes the results
// once every worker is done; main sums the results.
//
// The Go original:
//   jobs := make(chan int, 3)
//   for j := 1; j <= 3; j++ { jobs <- j }
//   close(jobs)
//   results := make(chan int)
//   var wg sync.WaitGroup
//   for w := 0; w < 3; w++ {
//       wg.Add(1)
//       go func() { defer wg.Done(); for j := range jobs { results <- j * j } }()
//   }
//   go func() { wg.Wait(); close(results) }()
//   sum := 0
//   for r := range results { sum += r }
//
// The bug twin (realistic/worker_pool_bug): each worker calls wg.Add(1) itself,
// first thing in its goroutine. When the closer's wg.Wait() runs before a worker
// has started, it sees zero and closes results early: main's sum comes up short,
// or a worker sends on the closed channel.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

void run(bool fixed) {
  auto jobs = make_chan<int>(3);
  for (int j = 1; j <= 3; ++j) jobs.send(j);
  jobs.close();
  auto results = make_chan<int>();
  auto wg = std::make_shared<wait_group>();
  for (int w = 0; w < 3; ++w) {
    if (fixed) wg->add(1);
    go("worker", [jobs, results, wg, fixed] {
      if (!fixed) wg->add(1);  // <- the bug: too late, the closer may already have waited
      for (;;) {               // for j := range jobs
        auto [j, ok] = jobs.recv();
        if (!ok) break;
        results.send(j * j);
      }
      wg->done();
    });
  }
  go("closer", [results, wg] {
    wg->wait();
    results.close();
  });
  int sum = 0;
  for (;;) {  // for r := range results
    auto [r, ok] = results.recv();
    if (!ok) break;
    sum += r;
  }
  expect(sum == 14, "every job's result arrives once");  // <- reported in the bug twin
}

}  // namespace

CHANCHECK_SCENARIO("realistic/worker_pool") { run(true); }

CHANCHECK_SCENARIO("realistic/worker_pool_bug", expected::assertion) { run(false); }
