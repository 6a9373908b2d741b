// lock_across_send.cpp: a lock held across a send whose receiver needs that lock.
//
// bus::publish() sends the event while still holding the bus's mutex; the
// consumer locks the same mutex (to read a counter) before it receives. When the
// publisher wins the lock, the consumer waits for the lock and the publisher
// waits for the consumer to receive: nobody can move. The fix copies what it
// needs under the lock, unlocks, and sends after.
//
// The Go original:
//   func (b *bus) Publish(ev string) {
//       b.mu.Lock()
//       defer b.mu.Unlock() // fix: unlock before the send
//       b.published++
//       b.events <- ev
//   }
//   func (b *bus) Consume() string {
//       b.mu.Lock()
//       seen := b.published
//       b.mu.Unlock()
//       return fmt.Sprint(<-b.events, seen)
//   }
#include <chancheck/scenario.hpp>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct bus {
  mutex mu;
  int published = 0;
  chan<std::string> events = make_chan<std::string>();

  void publish(const std::string& ev, bool unlock_before_send) {
    mu.lock();
    ++published;
    if (unlock_before_send) {
      mu.unlock();
      events.send(ev);
      return;
    }
    events.send(ev);  // <- reported here
    mu.unlock();
  }

  std::string consume() {
    mu.lock();
    int seen = published;
    mu.unlock();
    auto [ev, ok] = events.recv();
    return ev + " after " + std::to_string(seen);
  }
};

void run(bool fixed) {
  auto b = std::make_shared<bus>();
  go("consumer", [b] { (void)b->consume(); });
  b->publish("started", fixed);
}

}  // namespace

CHANCHECK_SCENARIO("patterns/lock_across_send", expected::deadlock) { run(false); }

CHANCHECK_SCENARIO("patterns/lock_across_send_fixed") { run(true); }
