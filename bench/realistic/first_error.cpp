// first_error.cpp: an errgroup: three tasks run under one context; the first to
// fail records its error once and cancels the others, which stop waiting for
// their work; main waits for all of them.
//
// The Go original:
//   ctx, cancel := context.WithCancel(context.Background())
//   var once sync.Once
//   var first error
//   var wg sync.WaitGroup
//   for i := 0; i < 3; i++ {
//       wg.Add(1)
//       go func(i int) {
//           defer wg.Done()
//           if i == 0 { once.Do(func() { first = errors.New("task 0 failed"); cancel() }); return }
//           select { case <-time.After(10 * time.Millisecond): case <-ctx.Done(): }
//       }(i)
//   }
//   wg.Wait()
//
// The bug twin (realistic/first_error_bug): a task whose work times out records
// its error with a plain `first = err` instead of through the once, and can
// overwrite the first error.
#include <chancheck/scenario.hpp>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct group {
  once first_once;
  std::string first;
  wait_group wg;
};

void run(bool fixed) {
  auto [ctx, cancel] = with_cancel(background());
  auto g = std::make_shared<group>();
  for (int i = 0; i < 3; ++i) {
    g->wg.add(1);
    go("task", [ctx, cancel, g, i, fixed] {
      if (i == 0) {
        g->first_once.call([&] {
          g->first = "task 0 failed";
          cancel();
        });
      } else {
        select(recv(after(10ms),
                    [&] {
                      if (!fixed) g->first = "task timed out";  // <- the bug: not through the once
                    }),
               recv(ctx.done()));
      }
      g->wg.done();
    });
  }
  g->wg.wait();
  expect(g->first == "task 0 failed", "the first error is kept");  // <- reported in the bug twin
}

}  // namespace

CHANCHECK_SCENARIO("realistic/first_error") { run(true); }

CHANCHECK_SCENARIO("realistic/first_error_bug", expected::assertion) { run(false); }
