// pool_first_error.cpp: a worker pool that returns on the first error and
// strands the other workers.
//
// process() queues its jobs, starts two workers and reads one result per job,
// returning as soon as a job fails. The workers still holding a result block
// forever on the unbuffered results channel. The fix ties the workers to a
// context that process() cancels on return: each result is sent in a select
// that also watches ctx.done().
//
// The Go original:
//   func process(jobs []int) error {
//       in := make(chan int, len(jobs))
//       for _, j := range jobs { in <- j }
//       close(in)
//       errs := make(chan error)
//       for w := 0; w < 2; w++ {
//           go func() {
//               for j := range in {
//                   errs <- work(j) // fix: select { case errs <- work(j): case <-ctx.Done(): return }
//               }
//           }()
//       }
//       for range jobs {
//           if err := <-errs; err != nil {
//               return err
//           }
//       }
//       return nil
//   }
#include <chancheck/scenario.hpp>
#include <string>
#include <vector>

using namespace chancheck;

namespace {

/// Job 1 fails; the others succeed ("").
std::string work(int job) { return job == 1 ? "job 1 failed" : ""; }

std::string process(bool cancel_on_return) {
  const std::vector<int> jobs{1, 2, 3};
  auto [ctx, cancel] = with_cancel(background());
  CHANCHECK_DEFER({
    if (cancel_on_return) cancel();
  });
  auto in = make_chan<int>(jobs.size());
  for (int j : jobs) in.send(j);
  in.close();
  auto errs = make_chan<std::string>();
  for (int w = 0; w < 2; ++w)
    go("worker", [in, errs, ctx, cancel_on_return] {
      for (;;) {  // for j := range in
        auto [j, ok] = in.recv();
        if (!ok) return;
        if (!cancel_on_return) {
          errs.send(work(j));  // <- reported here
          continue;
        }
        bool stop = false;
        select(send(errs, work(j)), recv(ctx.done(), [&] { stop = true; }));
        if (stop) return;
      }
    });
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    auto [err, ok] = errs.recv();
    if (!err.empty()) return err;
  }
  return "";
}

}  // namespace

CHANCHECK_SCENARIO("patterns/pool_first_error", expected::leak) { process(false); }

CHANCHECK_SCENARIO("patterns/pool_first_error_fixed") { process(true); }
