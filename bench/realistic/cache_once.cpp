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
//
// The bug twin (realistic/cache_once_bug): a hand-rolled once,
// `if loaded.CompareAndSwap(false, true) { load() }`, marks the cache loaded
// before it is; a second reader then reads the empty map.
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
  bool hand_rolled = false;  ///< the bug twin's own once
  bool loaded = false;

  void fill() {
    mu.lock();
    items["a"] = 1;
    mu.unlock();
  }
  void ensure_loaded() {
    if (!hand_rolled) {
      load.call([this] { fill(); });
    } else if (!loaded) {
      loaded = true;  // <- the bug: marked loaded before the load is done
      fill();
    }
  }
  int get(const std::string& k) {
    ensure_loaded();
    mu.rlock();
    const int v = items[k];
    mu.runlock();
    return v;
  }
};

void run(bool fixed) {
  auto c = std::make_shared<cache>();
  c->hand_rolled = !fixed;
  c->wg.add(4);
  for (int r = 0; r < 3; ++r)
    go("reader", [c] {
      const int v = c->get("a");
      expect(v == 1 || v == 2, "a reader never sees the cache empty");  // <- reported in the bug twin
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

}  // namespace

CHANCHECK_SCENARIO("realistic/cache_once") { run(true); }

CHANCHECK_SCENARIO("realistic/cache_once_bug", expected::assertion) { run(false); }
