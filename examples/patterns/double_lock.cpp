// double_lock.cpp: a method that holds a mutex calls another that locks it again.
//
// cache::get() locks the cache and, on a miss, calls refresh(), which locks the
// same mutex. Go's mutex is not reentrant: the task waits for itself forever.
// The fix splits out refresh_locked(), which expects the caller to hold the lock.
//
// The Go original:
//   func (c *cache) Get(k string) string {
//       c.mu.Lock()
//       defer c.mu.Unlock()
//       if _, ok := c.data[k]; !ok {
//           c.refresh() // fix: c.refreshLocked()
//       }
//       return c.data[k]
//   }
//   func (c *cache) refresh() {
//       c.mu.Lock() // already held by Get: blocks forever
//       defer c.mu.Unlock()
//       c.refreshLocked()
//   }
//   func (c *cache) refreshLocked() { c.data = load() }
#include <chancheck/scenario.hpp>
#include <map>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct cache {
  mutex mu;
  std::map<std::string, std::string> data;

  void refresh_locked() { data = {{"a", "1"}, {"b", "2"}}; }

  void refresh() {
    mu.lock();  // <- reported here
    refresh_locked();
    mu.unlock();
  }

  std::string get(const std::string& k, bool fixed) {
    mu.lock();
    if (!data.count(k)) {
      if (fixed)
        refresh_locked();
      else
        refresh();
    }
    std::string v = data[k];
    mu.unlock();
    return v;
  }
};

void serve(bool fixed) {
  auto c = std::make_shared<cache>();
  go("handler", [c, fixed] { (void)c->get("a", fixed); });
  (void)c->get("b", fixed);
}

}  // namespace

CHANCHECK_SCENARIO("patterns/double_lock", expected::deadlock) { serve(false); }

CHANCHECK_SCENARIO("patterns/double_lock_fixed") { serve(true); }
