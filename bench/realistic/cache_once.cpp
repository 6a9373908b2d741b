// cache_once.cpp: a cache loaded once, read under a read lock by three readers,
// and refreshed under the write lock by one writer.
//
// The Go original:
//   var load sync.Once
//   var mu sync.RWMutex
//   cache := map[string]int{}
//   get := func(k string) int {
//       load.Do(func() { mu.Lock(); cache["a"] = 1; mu.Unlock() })
//       mu.RLock(); defer mu.RUnlock(); return cache[k]
//   }
//   var wg sync.WaitGroup
//   for r := 0; r < 3; r++ { wg.Add(1); go func() { defer wg.Done(); _ = get("a") }() }
//   wg.Add(1)
//   go func() { defer wg.Done(); load.Do(...); mu.Lock(); cache["a"] = 2; mu.Unlock() }()
//   wg.Wait()
#include <chancheck/scenario.hpp>
#include <map>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct cache {
  once load;
  rwmutex mu;
  std::map<std::string, int> items;
  wait_group wg;

  void ensure_loaded() {
    load.call([this] {
      mu.lock();
      items["a"] = 1;
      mu.unlock();
    });
  }
  int get(const std::string& k) {
    ensure_loaded();
    mu.rlock();
    const int v = items[k];
    mu.runlock();
    return v;
  }
};

}  // namespace

CHANCHECK_SCENARIO("realistic/cache_once") {
  auto c = std::make_shared<cache>();
  c->wg.add(4);
  for (int r = 0; r < 3; ++r)
    go("reader", [c] {
      const int v = c->get("a");
      expect(v == 1 || v == 2, "a reader sees the loaded or the refreshed value, never none");
      c->wg.done();
    });
  go("writer", [c] {
    c->ensure_loaded();
    c->mu.lock();
    c->items["a"] = 2;
    c->mu.unlock();
    c->wg.done();
  });
  c->wg.wait();
}
