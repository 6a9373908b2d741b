// cond_lost_signal.cpp: a cond signal sent before anyone waits.
//
// A task waits on a cond for the configuration to be ready, but waits without
// looking at any condition; when the loader signals first, the signal finds no
// waiter and is lost (Go keeps no memory of it), and the task waits forever. The
// fix records the state under the lock and waits in a loop over it.
//
// The Go original:
//   var mu sync.Mutex
//   c := sync.NewCond(&mu)
//   ready := false
//   go func() {
//       mu.Lock()
//       c.Wait() // fix: for !ready { c.Wait() }
//       mu.Unlock()
//       use()
//   }()
//   mu.Lock()
//   ready = true
//   c.Signal()
//   mu.Unlock()
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

struct config {
  mutex mu;
  cond c{mu};
  bool ready = false;
};

void run(bool check_condition) {
  auto cfg = std::make_shared<config>();
  go("user", [cfg, check_condition] {
    cfg->mu.lock();
    if (check_condition) {
      while (!cfg->ready) cfg->c.wait();
    } else {
      cfg->c.wait();  // <- reported here
    }
    cfg->mu.unlock();
  });
  cfg->mu.lock();
  cfg->ready = true;
  cfg->c.signal();
  cfg->mu.unlock();
}

}  // namespace

CHANCHECK_SCENARIO("patterns/cond_lost_signal", expected::leak) { run(false); }

CHANCHECK_SCENARIO("patterns/cond_lost_signal_fixed") { run(true); }
