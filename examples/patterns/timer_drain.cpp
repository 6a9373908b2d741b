// timer_drain.cpp: the timer stop-and-drain mistake.
//
// The worker waits for an event or a timeout, then stops its timer and, when
// stop() returns false, drains the timer's channel before reusing it. But stop()
// also returns false when the timer fired and its value was already received (by
// the timeout case): then the channel is empty for good and the drain blocks
// forever. The fix drains only a value nobody received.
//
// The Go original:
//   t := time.NewTimer(10 * time.Millisecond)
//   timedOut := false
//   select {
//   case ev := <-events:
//       handle(ev)
//   case <-t.C:
//       timedOut = true
//   }
//   if !t.Stop() { // fix: if !t.Stop() && !timedOut {
//       <-t.C
//   }
//   t.Reset(time.Second)
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

void run(bool remember_receipt) {
  auto events = make_chan<int>(1);
  go("worker", [events, remember_receipt] {
    auto t = new_timer(10ms);
    bool timed_out = false;
    select(recv(events), recv(t.c, [&] { timed_out = true; }));
    if (!t.stop() && !(remember_receipt && timed_out)) {
      (void)t.c.recv();  // <- reported here
    }
    t.reset(1s);
    t.stop();
  });
  sleep(20ms);
  events.send(1);
}

}  // namespace

CHANCHECK_SCENARIO("patterns/timer_drain", expected::leak) { run(false); }

CHANCHECK_SCENARIO("patterns/timer_drain_fixed") { run(true); }
