// try_lock_drops_work.cpp: a TryLock that skips work it was meant to wait for.
//
// cache::refresh() reloads one key, and skips the reload when TryLock fails, on
// the theory that "a refresh is already running". But the running refresh is
// for another key: the skipped key is never loaded, and the caller that waited
// for both refreshes finds it missing. The fix waits for the lock (Lock), so
// every refresh runs.
//
// The Go original:
//   func (c *cache) Refresh(k string) {
//       if !c.mu.TryLock() { // fix: c.mu.Lock()
//           return // "a refresh is running": but of another key
//       }
//       defer c.mu.Unlock()
//       c.m[k] = load(k)
//   }
//
//   var wg sync.WaitGroup
//   for _, k := range []string{"a", "b"} {
//       wg.Add(1)
//       go func(k string) { defer wg.Done(); c.Refresh(k) }(k)
//   }
//   wg.Wait()
//   if c.m["a"] == "" || c.m["b"] == "" { ... } // a key was never loaded
#include <chancheck/scenario.hpp>
#include <map>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct cache {
  mutex mu;
  std::map<std::string, std::string> m;

  void refresh(const std::string& k, bool fixed) {
    if (fixed) {
      mu.lock();
    } else if (!mu.try_lock()) {
      return;  // skips the refresh of k
    }
    CHANCHECK_DEFER(mu.unlock());
    m[k] = "loaded " + k;
  }
};

void run(bool fixed) {
  auto c = std::make_shared<cache>();
  auto wg = std::make_shared<wait_group>();
  for (std::string k : {"a", "b"}) {
    wg->add(1);
    go("refresh " + k, [c, wg, k, fixed] {
      CHANCHECK_DEFER(wg->done());
      c->refresh(k, fixed);
    });
  }
  wg->wait();
  expect(c->m.count("a") && c->m.count("b"), "every key is loaded after both refreshes");  // <- reported here
}

}  // namespace

CHANCHECK_SCENARIO("patterns/try_lock_drops_work", expected::assertion) { run(false); }

CHANCHECK_SCENARIO("patterns/try_lock_drops_work_fixed") { run(true); }
