// crawler_semaphore.cpp: four fetchers share a semaphore of two, so at most two
// fetch at once; each sends its page into a buffered channel.
//
// The Go original:
//   sem := semaphore.NewWeighted(2)
//   pages := make(chan int, 4)
//   var wg sync.WaitGroup
//   for u := 0; u < 4; u++ {
//       wg.Add(1)
//       go func(u int) { defer wg.Done(); sem.Acquire(ctx, 1); pages <- u; sem.Release(1) }(u)
//   }
//   wg.Wait()
//   close(pages)
//
// The bug twin (realistic/crawler_semaphore_bug): each fetcher releases its slot
// as soon as it has started (`sem.Release(1)` moved above the fetch), so a third
// fetcher can start while two are still fetching.
#include <chancheck/scenario.hpp>
#include <chancheck/semaphore.hpp>
#include <memory>

using namespace chancheck;

namespace {

struct crawl {
  semaphore sem{2};
  wait_group wg;
  mutex mu;
  int fetching = 0;
};

void run(bool fixed) {
  auto c = std::make_shared<crawl>();
  auto pages = make_chan<int>(4);
  for (int u = 0; u < 4; ++u) {
    c->wg.add(1);
    go("fetcher", [c, pages, u, fixed] {
      c->sem.acquire();
      c->mu.lock();
      expect(++c->fetching <= 2, "at most two fetch at once");  // <- reported in the bug twin
      c->mu.unlock();
      if (!fixed) c->sem.release();  // <- the bug: the slot is given back before the fetch is done
      pages.send(u);
      c->mu.lock();
      --c->fetching;
      c->mu.unlock();
      if (fixed) c->sem.release();
      c->wg.done();
    });
  }
  c->wg.wait();
  pages.close();
}

}  // namespace

CHANCHECK_SCENARIO("realistic/crawler_semaphore") { run(true); }

CHANCHECK_SCENARIO("realistic/crawler_semaphore_bug", expected::assertion) { run(false); }
