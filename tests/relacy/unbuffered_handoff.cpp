// unbuffered_handoff.cpp: Relacy suite. Two senders hand values to one receiver
// over an unbuffered channel: each value arrives exactly once, each sender's
// values in its order, and nobody is left blocked.
#include <relacy/relacy.hpp>

#include "tests/relacy/relacy_driver.hpp"

using namespace chancheck::relacy_test;

struct unbuffered_handoff : rl::test_suite<unbuffered_handoff, 3> {
  chancheck::relacy_world world{3};
  relacy_chan<int> ch{0};

  void thread(unsigned index) {
    if (index < 2) {  // senders: 10,11 and 20,21
      int base = 10 * static_cast<int>(index + 1);
      ch.send(base);
      ch.send(base + 1);
      return;
    }
    int next[2] = {10, 20};
    for (int i = 0; i < 4; ++i) {
      auto r = ch.recv();
      RL_ASSERT(r.ok);
      int who = r.value / 10 - 1;
      RL_ASSERT(who == 0 || who == 1);
      RL_ASSERT(r.value == next[who]);  // each sender's values in order, none lost or duplicated
      ++next[who];
    }
    RL_ASSERT(ch.len() == 0);
  }
};

int main() { return run_suite<unbuffered_handoff>("unbuffered_handoff", {200000, 1}); }
