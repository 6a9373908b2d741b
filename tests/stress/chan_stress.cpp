// chan_stress.cpp: channels under real parallelism: many senders and receivers
// on unbuffered and buffered channels, and close() racing blocked senders and
// receivers. Each round checks that every value arrives exactly once.
#include "tests/stress/stress.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::stress {
namespace {

void many_to_many(std::size_t cap, int senders, int receivers, int per_sender) {
  auto ch = make_chan<int>(cap);
  auto sums = make_chan<long>(static_cast<std::size_t>(receivers));
  wait_group wg;
  wg.add(senders);
  for (int s = 0; s < senders; ++s)
    go("sender", [ch, s, per_sender, &wg] {
      for (int i = 1; i <= per_sender; ++i) ch.send(s * per_sender + i);
      wg.done();
    });
  for (int r = 0; r < receivers; ++r)
    go("receiver", [ch, sums] {
      long sum = 0;
      for (auto v = ch.recv(); v.ok; v = ch.recv()) sum += v.value;
      sums.send(sum);
    });
  wg.wait();
  ch.close();
  long total = 0;
  for (int r = 0; r < receivers; ++r) total += sums.recv().value;
  long n = static_cast<long>(senders) * per_sender;
  EXPECT_EQ(total, n * (n + 1) / 2) << "values lost or duplicated (capacity " << cap << ")";
}

TEST(ChanStress, ManyToManyUnbuffered) {
  for_rounds(200, [](int) { many_to_many(0, 4, 4, 200); });
  expect_no_leaks();
}

TEST(ChanStress, ManyToManyBuffered) {
  for_rounds(200, [](int i) { many_to_many(static_cast<std::size_t>(1 + i % 4), 4, 3, 300); });
  expect_no_leaks();
}

TEST(ChanStress, CloseRacesBlockedSendersAndReceivers) {
  for_rounds(300, [](int i) {
    const std::size_t cap = static_cast<std::size_t>(i % 3);  // 0, 1, 2
    auto ch = make_chan<int>(cap);
    auto sent = make_chan<int>(8);      // per sender: 1 delivered, 0 panicked
    auto received = make_chan<int>(8);  // per receiver: how many values
    for (int s = 0; s < 4; ++s)
      go("sender", [ch, sent] {
        try {
          ch.send(1);
          sent.send(1);
        } catch (const panic_error& p) {
          EXPECT_EQ(p.message(), "send on closed channel");
          sent.send(0);
        }
      });
    for (int r = 0; r < 3; ++r)
      go("receiver", [ch, received] {
        int n = 0;
        for (auto v = ch.recv(); v.ok; v = ch.recv()) n += v.value;
        received.send(n);
      });
    if (i % 2) yield();
    ch.close();
    int delivered = 0;
    int got = 0;
    for (int s = 0; s < 4; ++s) delivered += sent.recv().value;
    for (int r = 0; r < 3; ++r) got += received.recv().value;
    EXPECT_EQ(delivered, got) << "a value was delivered but not received, or received twice";
    EXPECT_THROW(ch.close(), panic_error);
  });
  expect_no_leaks();
}

TEST(ChanStress, LenNeverExceedsCapUnderContention) {
  for_rounds(100, [](int) {
    auto ch = make_chan<int>(3);
    auto done = make_chan<empty>(2);
    go("filler", [ch, done] {
      for (int i = 0; i < 500; ++i) ch.send(i);
      done.send(empty{});
    });
    go("drainer", [ch, done] {
      for (int i = 0; i < 500; ++i) {
        EXPECT_LE(ch.len(), 3u);
        ch.recv();
      }
      done.send(empty{});
    });
    done.recv();
    done.recv();
    EXPECT_EQ(ch.len(), 0u);
  });
  expect_no_leaks();
}

}  // namespace
}  // namespace chancheck::stress
