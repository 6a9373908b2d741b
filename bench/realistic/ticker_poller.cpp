// ticker_poller.cpp: a poller reads shared state under a mutex on every tick
// until it is told to stop; two updaters change the state meanwhile.
//
// The Go original:
//   var mu sync.Mutex
//   version := 0
//   stop, stopped := make(chan struct{}), make(chan struct{})
//   go func() {
//       defer close(stopped)
//       t := time.NewTicker(10 * time.Millisecond)
//       defer t.Stop()
//       for {
//           select {
//           case <-t.C: mu.Lock(); seen = version; mu.Unlock()
//           case <-stop: return
//           }
//       }
//   }()
//   var wg sync.WaitGroup
//   for u := 0; u < 2; u++ { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); version++; mu.Unlock() }() }
//   wg.Wait()
//   close(stop)
//   <-stopped
//
// The bug twin (realistic/ticker_poller_bug): main takes mu before close(stop)
// and holds it until <-stopped. A tick the poller takes before it sees stop
// waits for mu, and main waits for the poller.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

struct shared_state {
  mutex mu;
  int version = 0;
  int seen = 0;
  wait_group updaters;
};

void run(bool fixed) {
  auto st = std::make_shared<shared_state>();
  auto stop = make_chan<empty>();
  auto stopped = make_chan<empty>();
  go("poller", [st, stop, stopped] {
    auto t = new_ticker(10ms);
    for (bool done = false; !done;)
      select(recv(t.c,
                  [&] {
                    st->mu.lock();
                    st->seen = st->version;
                    st->mu.unlock();
                  }),
             recv(stop, [&] { done = true; }));
    t.stop();
    stopped.close();
  });
  for (int u = 0; u < 2; ++u) {
    st->updaters.add(1);
    go("updater", [st] {
      st->mu.lock();
      ++st->version;
      st->mu.unlock();
      st->updaters.done();
    });
  }
  st->updaters.wait();
  if (!fixed) st->mu.lock();  // <- the bug: held while waiting for the poller, which may want it
  stop.close();
  (void)stopped.recv();  // <- reported in the bug twin
  if (!fixed) st->mu.unlock();
  expect(st->seen <= 2, "the poller never sees a version that was not written");
}

}  // namespace

CHANCHECK_SCENARIO("realistic/ticker_poller") { run(true); }

CHANCHECK_SCENARIO("realistic/ticker_poller_bug", expected::deadlock) { run(false); }
