// leader_follower.cpp: turns handed round under a mutex and a cond: the leader
// opens the first turn, each of two followers waits for its own, works, and
// hands the next one on with a broadcast.
//
// The Go original:
//   var mu sync.Mutex
//   c := sync.NewCond(&mu)
//   turn := 0
//   var wg sync.WaitGroup
//   for id := 1; id <= 2; id++ {
//       wg.Add(1)
//       go func(id int) {
//           defer wg.Done()
//           mu.Lock()
//           for turn != id { c.Wait() }
//           turn = id + 1
//           c.Broadcast()
//           mu.Unlock()
//       }(id)
//   }
//   go func() { mu.Lock(); turn = 1; c.Broadcast(); mu.Unlock() }()
//   wg.Wait()
//
// The bug twin (realistic/leader_follower_bug): the leader wakes one follower
// with c.Signal() instead of c.Broadcast(). When follower 2 waits first, the
// signal wakes it, it goes back to waiting, and follower 1 never wakes.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

struct turns {
  mutex mu;
  cond c{mu};
  int turn = 0;
  wait_group followers;
};

void run(bool fixed) {
  auto t = std::make_shared<turns>();
  for (int id = 1; id <= 2; ++id) {
    t->followers.add(1);
    go("follower", [t, id] {
      t->mu.lock();
      while (t->turn != id) t->c.wait();
      t->turn = id + 1;
      t->c.broadcast();
      t->mu.unlock();
      t->followers.done();
    });
  }
  go("leader", [t, fixed] {
    t->mu.lock();
    t->turn = 1;
    if (fixed)
      t->c.broadcast();
    else
      t->c.signal();  // <- the bug: the woken follower may not be the one whose turn it is
    t->mu.unlock();
  });
  t->followers.wait();  // <- reported in the bug twin
  expect(t->turn == 3, "both followers took their turn in order");
}

}  // namespace

CHANCHECK_SCENARIO("realistic/leader_follower") { run(true); }

CHANCHECK_SCENARIO("realistic/leader_follower_bug", expected::deadlock) { run(false); }
