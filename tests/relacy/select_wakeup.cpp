// select_wakeup.cpp: Relacy suite. The select wake-up race: a select blocked on
// two channels is woken by two senders at once; exactly one wins its
// compare-and-swap, the loser must still find a receiver (the receive that
// follows the select) and nobody is left blocked. A second suite has selects on
// both sides: one receiving select (twice) against two sending selects.
#include <relacy/relacy.hpp>

#include "tests/relacy/relacy_driver.hpp"

using namespace chancheck::relacy_test;

struct select_wakeup_race : rl::test_suite<select_wakeup_race, 3> {
  chancheck::relacy_world world{3};
  relacy_chan<int> a{0};
  relacy_chan<int> b{0};

  void thread(unsigned index) {
    if (index == 1) return a.send(1);
    if (index == 2) return b.send(2);
    rl::var<int> from_a;
    rl::var<int> from_b;
    from_a($) = 0;
    from_b($) = 0;
    core::select_case cases[] = {recv_case(a, from_a), recv_case(b, from_b)};
    int k = select(cases);
    RL_ASSERT(k == 0 || k == 1);
    RL_ASSERT(k == 0 ? cases[0].ok : cases[1].ok);
    if (k == 0) {
      RL_ASSERT(from_a($) == 1);
      RL_ASSERT(b.recv().value == 2);
    } else {
      RL_ASSERT(from_b($) == 2);
      RL_ASSERT(a.recv().value == 1);
    }
  }
};

struct select_vs_select : rl::test_suite<select_vs_select, 3> {
  chancheck::relacy_world world{3};
  relacy_chan<int> a{0};
  relacy_chan<int> b{0};
  rl::var<int> total;

  void thread(unsigned index) {
    if (index == 0) {  // receives twice, from whichever channel is ready
      int sum = 0;
      for (int i = 0; i < 2; ++i) {
        rl::var<int> from_a;
        rl::var<int> from_b;
        from_a($) = 0;
        from_b($) = 0;
        core::select_case cases[] = {recv_case(a, from_a), recv_case(b, from_b)};
        int k = select(cases);
        RL_ASSERT(k == 0 || k == 1);
        sum += k == 0 ? from_a($) : from_b($);
      }
      total($) = sum;
      return;
    }
    rl::var<int> v1;
    rl::var<int> v2;
    v1($) = static_cast<int>(index) * 10;
    v2($) = static_cast<int>(index) * 10;
    core::select_case cases[] = {send_case(a, v1), send_case(b, v2)};
    int k = select(cases);
    RL_ASSERT(k == 0 || k == 1);
  }

  void after() { RL_ASSERT(total($) == 30); }  // one value from each sending select
};

int main() {
  int rc = run_suite<select_wakeup_race>("select_wakeup_race", {200000, 1});
  rc |= run_suite<select_vs_select>("select_vs_select", {200000, 1});
  return rc;
}
