// close_blocked.cpp: Relacy suite. close() races with senders and receivers,
// some of them blocked: every sender either hands its value over or panics
// ("send on closed channel"); every receive gets a value or ok=false once the
// channel is closed and drained; the values received are exactly the values
// sent; nobody is left blocked. Run with two senders against one receiver
// (a sender is blocked at the close), with one sender against two receivers (a
// receiver is blocked at the close), with two senders and no receiver (both
// must panic), and on a channel of capacity 1 (receivers drain the buffer
// before they see the close). A receive that starts after close() returned gets
// ok=false on an unbuffered channel: a blocked sender panics, it does not hand over.
#include <relacy/relacy.hpp>

#include "tests/relacy/relacy_driver.hpp"

using namespace chancheck::relacy_test;

template <std::size_t Capacity, unsigned Senders, unsigned Receivers>
struct close_blocked : rl::test_suite<close_blocked<Capacity, Senders, Receivers>, Senders + Receivers + 1> {
  chancheck::relacy_world world{Senders + Receivers + 1};
  relacy_chan<int> ch{Capacity};
  rl::var<int> sent[Senders];          // per sender: 1 = delivered, 0 = panicked
  rl::var<int> received[Senders + 1];  // per value 1..Senders: how often received
  rl::atomic<int> close_returned{0};

  close_blocked() {
    for (auto& r : received) r($) = 0;
  }

  void thread(unsigned index) {
    if (index < Senders) {
      try {
        ch.send(static_cast<int>(index) + 1);
        sent[index]($) = 1;
      } catch (const chancheck::panic_error& p) {
        RL_ASSERT(p.message() == "send on closed channel");
        sent[index]($) = 0;
      }
    } else if (index < Senders + Receivers) {
      for (;;) {  // receive until closed and drained
        bool after_close = close_returned($).load() == 1;
        auto r = ch.recv();
        // Go: once close() has returned, a blocked sender panics instead of handing over.
        if (after_close && Capacity == 0) RL_ASSERT(!r.ok);
        if (!r.ok) {
          RL_ASSERT(r.value == 0);
          break;
        }
        RL_ASSERT(r.value >= 1 && r.value <= static_cast<int>(Senders));
        received[r.value]($) = received[r.value]($) + 1;
      }
    } else {
      ch.close();
      close_returned($).store(1);
    }
  }

  void after() {
    for (unsigned i = 0; i < Senders; ++i) RL_ASSERT(received[i + 1]($) == sent[i]($));
  }
};

int main() {
  chancheck::relacy_test::search_budget b{100000, 1};
  int rc = run_suite<close_blocked<0, 2, 1>>("close_blocked (unbuffered, 2 senders, 1 receiver)", b);
  rc |= run_suite<close_blocked<0, 1, 2>>("close_blocked (unbuffered, 1 sender, 2 receivers)", b);
  rc |= run_suite<close_blocked<0, 2, 0>>("close_blocked (unbuffered, 2 senders, no receiver)", b);
  rc |= run_suite<close_blocked<1, 2, 1>>("close_blocked (capacity 1, 2 senders, 1 receiver)", b);
  return rc;
}
