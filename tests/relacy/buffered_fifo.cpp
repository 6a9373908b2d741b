// buffered_fifo.cpp: Relacy suite. Two senders and one receiver on a channel of
// capacity 2: values arrive in each sender's order, none lost or duplicated;
// len() never exceeds the capacity; nobody is left blocked.
#include <relacy/relacy.hpp>

#include "tests/relacy/relacy_driver.hpp"

using namespace chancheck::relacy_test;

struct buffered_fifo : rl::test_suite<buffered_fifo, 3> {
  chancheck::relacy_world world{3};
  relacy_chan<int> ch{2};

  void thread(unsigned index) {
    if (index < 2) {  // senders: 10,11,12 and 20,21,22
      int base = 10 * static_cast<int>(index + 1);
      for (int i = 0; i < 3; ++i) {
        ch.send(base + i);
        RL_ASSERT(ch.len() <= 2);
      }
      return;
    }
    int next[2] = {10, 20};
    for (int i = 0; i < 6; ++i) {
      auto r = ch.recv();
      RL_ASSERT(r.ok);
      int who = r.value / 10 - 1;
      RL_ASSERT(who == 0 || who == 1);
      RL_ASSERT(r.value == next[who]);
      ++next[who];
    }
  }

  void after() { RL_ASSERT(ch.len() == 0); }
};

int main() { return run_suite<buffered_fifo>("buffered_fifo", {200000, 1}); }
