// select_stress.cpp: select under real parallelism: a blocked select woken by
// racing senders, selects on both sides of a channel, send cases racing close,
// and default cases; context cancellation racing sends (the fixed forgotten
// sender, on real threads).
#include "tests/stress/stress.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::stress {
namespace {

TEST(SelectStress, BlockedSelectWokenByRacingSenders) {
  for_rounds(500, [](int) {
    auto a = make_chan<int>();
    auto b = make_chan<int>();
    go("a", [a] { a.send(1); });
    go("b", [b] { b.send(2); });
    int first = 0;
    int k = select(recv(a, [&](int v) { first = v; }), recv(b, [&](int v) { first = v; }));
    ASSERT_TRUE(k == 0 || k == 1);
    EXPECT_EQ(first, k + 1);
    EXPECT_EQ((k == 0 ? b : a).recv().value, k == 0 ? 2 : 1);  // the loser still hands over
  });
  expect_no_leaks();
}

TEST(SelectStress, SelectsOnBothSides) {
  for_rounds(200, [](int) {
    auto a = make_chan<int>();
    auto b = make_chan<int>();
    constexpr int senders = 4;
    constexpr int per = 50;
    for (int s = 0; s < senders; ++s)
      go("selecting sender", [a, b, s] {
        for (int i = 0; i < per; ++i) select(send(a, s), send(b, s));
      });
    long sum = 0;
    for (int i = 0; i < senders * per; ++i)
      select(recv(a, [&](int v) { sum += v; }), recv(b, [&](int v) { sum += v; }));
    EXPECT_EQ(sum, static_cast<long>(per) * (0 + 1 + 2 + 3));
  });
  expect_no_leaks();
}

TEST(SelectStress, SendCasesRaceClose) {
  for_rounds(300, [](int) {
    auto ch = make_chan<int>();
    auto quit = make_chan<empty>();
    auto outcome = make_chan<int>(4);  // 1 sent, 2 quit, 3 panicked
    for (int s = 0; s < 3; ++s)
      go("sender", [ch, quit, outcome] {
        try {
          int k = select(send(ch, 7), recv(quit));
          outcome.send(k == 0 ? 1 : 2);
        } catch (const panic_error&) {
          outcome.send(3);
        }
      });
    int received = 0;
    select(recv(ch, [&](int) { ++received; }), default_case());
    ch.close();
    quit.close();
    int sent = 0;
    for (int s = 0; s < 3; ++s) sent += outcome.recv().value == 1 ? 1 : 0;
    EXPECT_EQ(sent, received);
  });
  expect_no_leaks();
}

TEST(SelectStress, DefaultCasesPollWithoutLosingValues) {
  for_rounds(200, [](int) {
    auto ch = make_chan<int>(1);
    auto done = make_chan<empty>();
    go("producer", [ch, done] {
      for (int i = 0; i < 200; ++i) ch.send(i);
      done.close();
    });
    int got = 0;
    bool finished = false;
    while (!finished || ch.len() > 0) {
      select(recv(ch, [&](int) { ++got; }), recv(done, [&] { finished = true; }), default_case([] { yield(); }));
      if (finished) {
        while (ch.len() > 0) {
          ch.recv();
          ++got;
        }
      }
    }
    EXPECT_EQ(got, 200);
  });
  expect_no_leaks();
}

TEST(SelectStress, CancellationRacesTheSendOfAResult) {
  for_rounds(300, [](int i) {
    auto [ctx, cancel] = with_cancel(background());
    auto results = make_chan<int>();
    auto search_sent = make_chan<bool>(1);
    go("search", [ctx, results, search_sent] {
      bool sent = false;
      select(send(results, 42, [&] { sent = true; }), recv(ctx.done()));
      search_sent.send(sent);
    });
    go("timeout", [cancel, i] {
      if (i % 2) yield();
      cancel();
    });
    bool got = false;
    select(recv(ctx.done()), recv(results, [&](int v) {
             EXPECT_EQ(v, 42);
             got = true;
           }));
    cancel();
    EXPECT_EQ(search_sent.recv().value, got);
    EXPECT_EQ(ctx.err(), context_error::canceled);
  });
  expect_no_leaks();
}

TEST(SelectStress, ContextTreeCancelsEveryWaiter) {
  for_rounds(200, [](int) {
    auto [root, cancel_root] = with_cancel(background());
    auto [child, cancel_child] = with_cancel(root);
    auto [grandchild, cancel_grandchild] = with_timeout(child, 1h);
    auto woke = make_chan<int>(6);
    for (int t = 0; t < 6; ++t) {
      context c = t % 3 == 0 ? root : t % 3 == 1 ? child : grandchild;
      go("waiter", [c, woke, t] {
        c.done().recv();
        woke.send(t);
      });
    }
    go("canceller", [cancel_root] { cancel_root(); });
    for (int t = 0; t < 6; ++t) woke.recv();
    cancel_child();
    cancel_grandchild();
    EXPECT_EQ(grandchild.err(), context_error::canceled);
  });
  expect_no_leaks();
}

}  // namespace
}  // namespace chancheck::stress
