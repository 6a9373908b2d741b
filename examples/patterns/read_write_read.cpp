// read_write_read.cpp: a read lock taken again while a writer waits.
//
// registry::describe() holds the read lock and calls lookup(), which read-locks
// again. When a writer calls lock() between the two, Go's RWMutex (which prefers
// writers) makes the second rlock() wait behind the writer, and the writer waits
// for the first read lock to go: a deadlock that a reader-preferring lock would
// hide. The fix has describe() call lookup_locked(), which takes no lock.
//
// The Go original:
//   func (r *registry) Lookup(k string) int {
//       r.mu.RLock()
//       defer r.mu.RUnlock()
//       return r.lookupLocked(k)
//   }
//   func (r *registry) Describe(k string) string {
//       r.mu.RLock()
//       defer r.mu.RUnlock()
//       return fmt.Sprint(k, "=", r.Lookup(k)) // fix: r.lookupLocked(k)
//   }
//   func (r *registry) Set(k string, v int) {
//       r.mu.Lock()
//       r.m[k] = v
//       r.mu.Unlock()
//   }
#include <chancheck/scenario.hpp>
#include <map>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct registry {
  rwmutex mu;
  std::map<std::string, int> m;

  int lookup_locked(const std::string& k) { return m.count(k) ? m[k] : 0; }

  int lookup(const std::string& k) {
    mu.rlock();  // <- reported here
    int v = lookup_locked(k);
    mu.runlock();
    return v;
  }

  std::string describe(const std::string& k, bool fixed) {
    mu.rlock();
    std::string s = k + "=" + std::to_string(fixed ? lookup_locked(k) : lookup(k));
    mu.runlock();
    return s;
  }

  void set(const std::string& k, int v) {
    mu.lock();
    m[k] = v;
    mu.unlock();
  }
};

void run(bool fixed) {
  auto r = std::make_shared<registry>();
  auto wg = std::make_shared<wait_group>();
  wg->add(2);
  go("reader", [=] {
    (void)r->describe("x", fixed);
    wg->done();
  });
  go("writer", [=] {
    r->set("x", 1);
    wg->done();
  });
  wg->wait();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/read_write_read", expected::deadlock) { run(false); }

CHANCHECK_SCENARIO("patterns/read_write_read_fixed") { run(true); }
