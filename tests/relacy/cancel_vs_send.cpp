// cancel_vs_send.cpp: Relacy suite. Cancellation races a send: the search task
// selects on sending its result or the context's done channel, process()
// selects on the result or done, and the timeout cancels at any point. Both
// sides always finish (the second fix of the forgotten sender), a result is
// received exactly when the search's send case was taken, and err() says why
// the context ended.
#include <relacy/relacy.hpp>

#include "tests/relacy/relacy_driver.hpp"

using namespace chancheck::relacy_test;

struct cancel_vs_send : rl::test_suite<cancel_vs_send, 3> {
  chancheck::relacy_world world{3};
  relacy_context ctx;
  relacy_chan<int> results{0};
  rl::var<int> search_sent;
  rl::var<int> process_got;

  void thread(unsigned index) {
    if (index == 2) {  // the timeout
      ctx.cancel(deadline_exceeded);
      return;
    }
    rl::var<int> done_value;
    done_value($) = 0;
    if (index == 1) {  // the search task
      rl::var<int> result;
      result($) = 42;
      core::select_case cases[] = {send_case(results, result), recv_case(ctx.done(), done_value)};
      int k = select(cases);
      if (k == 1) RL_ASSERT(!cases[1].ok && ctx.err() != none);
      search_sent($) = k == 0 ? 1 : 0;
      return;
    }
    rl::var<int> result;  // process()
    result($) = 0;
    core::select_case cases[] = {recv_case(ctx.done(), done_value), recv_case(results, result)};
    int k = select(cases);
    if (k == 1) RL_ASSERT(result($) == 42);
    if (k == 0) RL_ASSERT(ctx.err() == deadline_exceeded || ctx.err() == canceled);
    process_got($) = k == 1 ? 1 : 0;
    ctx.cancel();  // defer cancel()
    RL_ASSERT(ctx.err() != none);
  }

  void after() { RL_ASSERT(search_sent($) == process_got($)); }
};

int main() { return run_suite<cancel_vs_send>("cancel_vs_send", {200000, 1}); }
