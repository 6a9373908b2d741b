// forgotten_unlock.cpp: an early return that leaves a mutex locked.
//
// store::put() returns on an invalid value without unlocking. The task is gone,
// the lock stays held, and the next caller waits for it forever. The fix unlocks
// on every path (Go: defer s.mu.Unlock() right after Lock()).
//
// The Go original:
//   func (s *store) Put(k, v string) error {
//       s.mu.Lock()
//       // fix: defer s.mu.Unlock()
//       if v == "" {
//           return errEmpty // returns with s.mu held
//       }
//       s.m[k] = v
//       s.mu.Unlock()
//       return nil
//   }
#include <chancheck/scenario.hpp>
#include <map>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct store {
  mutex mu;
  std::map<std::string, std::string> m;

  bool put(const std::string& k, const std::string& v, bool fixed) {
    mu.lock();  // <- reported here
    if (fixed) {
      CHANCHECK_DEFER(mu.unlock());
      if (v.empty()) return false;
      m[k] = v;
      return true;
    }
    if (v.empty()) return false;  // returns with mu held
    m[k] = v;
    mu.unlock();
    return true;
  }
};

void run(bool fixed) {
  auto s = std::make_shared<store>();
  go("put empty", [s, fixed] { (void)s->put("a", "", fixed); });
  go("put b", [s, fixed] { (void)s->put("b", "2", fixed); });
}

}  // namespace

CHANCHECK_SCENARIO("patterns/forgotten_unlock", expected::leak) { run(false); }

CHANCHECK_SCENARIO("patterns/forgotten_unlock_fixed") { run(true); }
