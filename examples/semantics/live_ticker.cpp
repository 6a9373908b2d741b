// live_ticker.cpp: a ticker nobody will stop does not hide blocked tasks.
//
// A ticker's firing only sends into its channel. Once every task is blocked and
// none of them waits on that channel, no tick can wake anyone: the blocked tasks
// are the leak or deadlock they are, and the report names the ticker that is
// still armed (instead of ticking on to the step bound). A ticker whose channel a
// blocked task waits on still wakes it, and keeps the execution alive.
//
// The Go original of the reporter:
//   func reporter(s *stats, quit <-chan struct{}) {
//       t := time.NewTicker(10 * time.Millisecond)
//       defer t.Stop()
//       for {
//           select {
//           case <-t.C:
//           case <-quit:
//               return
//           }
//           s.mu.Lock() // blocks forever once a handler returned holding it
//           s.beats++
//           s.mu.Unlock()
//       }
//   }
#include <chancheck/scenario.hpp>

#include <memory>

using namespace chancheck;

namespace {

struct stats {
  mutex mu;
  int beats = 0;
};

/// Beats on every tick until quit closes; says on `first` (capacity 1) when it beat.
void reporter(const std::shared_ptr<stats>& s, const chan<empty>& quit, const chan<empty>& first) {
  auto t = new_ticker(10ms);
  for (bool done = false; !done;) {
    select(recv(t.c), recv(quit, [&] { done = true; }));
    if (done) break;
    s->mu.lock();  // <- reported here
    ++s->beats;
    s->mu.unlock();
    select(send(first, empty{}), default_case());
  }
  t.stop();
}

/// A handler that returns early with the lock held.
void handle(stats& s) {
  s.mu.lock();
  if (s.beats >= 0) return;  // forgets s.mu.unlock()
  s.mu.unlock();
}

}  // namespace

// main waits for a reply nobody sends, with its own ticker still running: a deadlock.
CHANCHECK_SCENARIO("timers/ticker_hides_deadlock", expected::deadlock) {
  auto t = new_ticker(10ms);
  auto reply = make_chan<int>();
  go("worker", [] {});  // returns without replying
  (void)reply.recv();  // <- main blocked here
  t.stop();
}

// The reporter blocks on the lock the handler kept, its ticker still running: a leak.
CHANCHECK_SCENARIO("timers/ticker_owner_blocked", expected::leak) {
  auto s = std::make_shared<stats>();
  auto quit = make_chan<empty>(), first = make_chan<empty>(1);
  go("reporter", [s, quit, first] { reporter(s, quit, first); });
  handle(*s);
}

// main waits for the reporter only when it has started, which races with main's
// check. Either way the reporter blocks on the lock the handler kept: when main
// did not wait, a leak; when it did, a deadlock. The bug is the same, so the
// scenario declares any blocking violation.
CHANCHECK_SCENARIO("timers/ticker_shutdown", expected::blocking) {
  auto s = std::make_shared<stats>();
  auto quit = make_chan<empty>(), first = make_chan<empty>(1), started = make_chan<empty>(1);
  auto finished = make_chan<empty>();
  go("reporter", [s, quit, first, started, finished] {
    started.send(empty{});
    reporter(s, quit, first);
    finished.close();
  });
  handle(*s);
  bool wait = false;
  select(recv(started, [&] { wait = true; }), default_case());
  if (wait) (void)finished.recv();
}
