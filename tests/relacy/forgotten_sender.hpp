// forgotten_sender.hpp: the seed's process() for Relacy. Thread 0 is process():
// it starts the search task (a Relacy dynamic thread, as `go` is), waits in a
// select for the result or the context's done channel, then cancels (its
// defer). Thread 1 is the 100 ms timer: it may fire at any point, as Relacy
// decides. With an unbuffered result channel, when the timer wins the search
// task blocks forever on its send: Relacy reports a deadlock. With capacity 1
// the send always completes.
#pragma once

#include "tests/relacy/relacy_driver.hpp"

namespace chancheck::relacy_test {

template <std::size_t Capacity>
struct forgotten_sender_suite : rl::test_suite<forgotten_sender_suite<Capacity>, 2> {
  static const rl::thread_id_t dynamic_thread_count = 1;
  relacy_world world{3};
  relacy_context ctx;
  relacy_chan<int> results{Capacity};

  void thread(unsigned index) {
    if (index == 1) {  // the timeout
      ctx.cancel(deadline_exceeded);
      return;
    }
    relacy_runtime::spawn([this] { results.send(42); });  // go func() { ch <- search(term) }()
    rl::var<int> done_value;
    rl::var<int> result;
    core::select_case cases[] = {recv_case(ctx.done(), done_value), recv_case(results, result)};
    int taken = select(cases);
    RL_ASSERT(taken == 0 || taken == 1);
    if (taken == 1) RL_ASSERT(result($) == 42);
    ctx.cancel();  // defer cancel()
  }
};

}  // namespace chancheck::relacy_test
