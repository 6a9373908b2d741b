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

}  // namespace

CHANCHECK_SCENARIO("realistic/first_error") {
  auto [ctx, cancel] = with_cancel(background());
  auto g = std::make_shared<group>();
  for (int i = 0; i < 3; ++i) {
    g->wg.add(1);
    go("task", [ctx, cancel, g, i] {
      if (i == 0) {
        g->first_once.call([&] {
          g->first = "task 0 failed";
          cancel();
        });
      } else {
        select(recv(after(10ms)), recv(ctx.done()));
      }
      g->wg.done();
    });
  }
  g->wg.wait();
  expect(g->first == "task 0 failed", "the first error is kept");
}
