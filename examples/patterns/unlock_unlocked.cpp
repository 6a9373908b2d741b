// unlock_unlocked.cpp: a mutex unlocked twice, which Go treats as a fatal error
// ("fatal error: sync: unlock of unlocked mutex").
//
// queue::pop() unlocks on the empty path but forgets to return, so it goes on to
// the unlock at the end. It happens only when the consumer runs before the
// producer. The fix returns right after the first unlock.
//
// The Go original:
//   func (q *queue) Pop() (int, bool) {
//       q.mu.Lock()
//       if len(q.items) == 0 {
//           q.mu.Unlock()
//           // fix: return 0, false
//       }
//       ...
//       q.mu.Unlock() // second unlock on the empty path
//       return v, ok
//   }
#include <chancheck/scenario.hpp>
#include <deque>
#include <memory>

using namespace chancheck;

namespace {

struct queue {
  mutex mu;
  std::deque<int> items;

  void push(int v) {
    mu.lock();
    items.push_back(v);
    mu.unlock();
  }

  bool pop(int& v, bool fixed) {
    mu.lock();
    if (items.empty()) {
      mu.unlock();
      if (fixed) return false;
    }
    bool ok = !items.empty();
    if (ok) {
      v = items.front();
      items.pop_front();
    }
    mu.unlock();  // <- reported here
    return ok;
  }
};

void run(bool fixed) {
  auto q = std::make_shared<queue>();
  go("consumer", [q, fixed] {
    int v = 0;
    (void)q->pop(v, fixed);
  });
  q->push(1);
}

}  // namespace

CHANCHECK_SCENARIO("patterns/unlock_unlocked", expected::panic) { run(false); }

CHANCHECK_SCENARIO("patterns/unlock_unlocked_fixed") { run(true); }
