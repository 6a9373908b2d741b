// bounded_buffer.cpp: a one-slot buffer guarded by a mutex and two conds, with
// two producers and two consumers.
//
// The Go original:
//   type buffer struct { mu sync.Mutex; notFull, notEmpty *sync.Cond; item int; full bool }
//   func (b *buffer) put(v int) {
//       b.mu.Lock(); for b.full { b.notFull.Wait() }
//       b.item, b.full = v, true; b.notEmpty.Signal(); b.mu.Unlock()
//   }
//   func (b *buffer) take() int {
//       b.mu.Lock(); for !b.full { b.notEmpty.Wait() }
//       v := b.item; b.full = false; b.notFull.Signal(); b.mu.Unlock(); return v
//   }
//   // two producers put 1 and 2, two consumers take one each, a WaitGroup waits for all
//
// The bug twin (realistic/bounded_buffer_bug): take() waits with `if !b.full`
// instead of `for`. A consumer woken by the signal may find the slot emptied by
// the other consumer, which took the lock first, and takes the empty slot.
#include <chancheck/scenario.hpp>
#include <memory>

using namespace chancheck;

namespace {

struct buffer {
  mutex mu;
  cond not_full{mu}, not_empty{mu};
  int item = 0;
  bool full = false;
  int taken = 0;
  wait_group all;
  bool recheck = true;  ///< false in the bug twin: wait once, as with `if`

  void put(int v) {
    mu.lock();
    while (full) not_full.wait();
    item = v, full = true;
    not_empty.signal();
    mu.unlock();
  }
  int take() {
    mu.lock();
    if (recheck)
      while (!full) not_empty.wait();
    else if (!full)
      not_empty.wait();  // <- the bug: the slot may be empty again when this returns
    const int v = item;
    full = false;
    not_full.signal();
    mu.unlock();
    return v;
  }
};

void run(bool fixed) {
  auto b = std::make_shared<buffer>();
  b->recheck = fixed;
  b->all.add(4);
  for (int v = 1; v <= 2; ++v)
    go("producer", [b, v] {
      b->put(v);
      b->all.done();
    });
  for (int c = 0; c < 2; ++c)
    go("consumer", [b] {
      const int v = b->take();
      b->mu.lock();
      b->taken += v;
      b->mu.unlock();
      b->all.done();
    });
  b->all.wait();
  expect(b->taken == 3, "each item is taken exactly once");  // <- reported in the bug twin
}

}  // namespace

CHANCHECK_SCENARIO("realistic/bounded_buffer") { run(true); }

CHANCHECK_SCENARIO("realistic/bounded_buffer_bug", expected::assertion) { run(false); }
