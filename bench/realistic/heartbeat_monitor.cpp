// heartbeat_monitor.cpp: a worker beats on every tick of a ticker three times
// and then stops; a monitor waits for each beat with a timeout and reports when
// the beats end.
//
// The Go original:
//   beats := make(chan struct{}, 1)
//   go func() { // worker
//       t := time.NewTicker(10 * time.Millisecond)
//       defer t.Stop()
//       for i := 0; i < 3; i++ { <-t.C; select { case beats <- struct{}{}: default: } }
//       close(beats)
//   }()
//   done := make(chan bool)
//   go func() { // monitor
//       for {
//           select {
//           case _, ok := <-beats: if !ok { done <- true; return }
//           case <-time.After(50 * time.Millisecond): done <- false; return
//           }
//       }
//   }()
//   <-done
//
// The bug twin (realistic/heartbeat_monitor_bug): the worker beats with a plain
// `beats <- struct{}{}`. When the monitor has timed out and returned, the second
// beat fills the buffer and the third blocks for ever.
#include <chancheck/scenario.hpp>

using namespace chancheck;

namespace {

void run(bool fixed) {
  auto beats = make_chan<empty>(1);
  go("worker", [beats, fixed] {
    auto t = new_ticker(10ms);
    for (int i = 0; i < 3; ++i) {
      (void)t.c.recv();
      if (fixed)
        select(send(beats, empty{}), default_case());
      else
        beats.send(empty{});  // <- the bug: blocks once the monitor has given up
    }
    t.stop();
    beats.close();
  });
  auto done = make_chan<bool>();
  go("monitor", [beats, done] {
    for (;;) {
      bool ended = false, late = false;
      select(recv(beats, [&](empty, bool ok) { ended = !ok; }), recv(after(50ms), [&] { late = true; }));
      if (ended || late) {
        done.send(ended);
        return;
      }
    }
  });
  (void)done.recv();
}

}  // namespace

CHANCHECK_SCENARIO("realistic/heartbeat_monitor") { run(true); }

CHANCHECK_SCENARIO("realistic/heartbeat_monitor_bug", expected::leak) { run(false); }
