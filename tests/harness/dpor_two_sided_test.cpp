// dpor_two_sided_test.cpp: the objects dpor sees as two sides
// (harness/engine/object_sides.hpp). A rendezvous on an unbuffered channel is one
// event whichever side arrives first, and so is a mutex's lock arriving with its
// holder's unlock (an unlock hands it to the first waiter): dpor runs one execution
// per order in which values are received or the mutex is taken. N senders to one
// receiver cost N! executions (not that times the orders of arrival), a chain of
// hand-offs one, N lockers N! (of a mutex or a semaphore's unit), N workers marking
// a wait group done one; a once's calls commute with its function's end. Where the
// sides do not commute, nothing dfs reaches is
// lost: a select waiting on both sides of one channel, an unlock by a task that does
// not hold the mutex (fatal on a free one), a cond's wait. The counts are exact: a
// change to the engine or to dpor that changes them on purpose updates them here
// and in docs/exploration.md.
#include <gtest/gtest.h>

#include <chancheck/chancheck.hpp>
#include <chancheck/semaphore.hpp>
#include <cstdint>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include "bench/chain_shapes.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

namespace {

std::uint64_t factorial(std::uint64_t n) { return n <= 1 ? 1 : n * factorial(n - 1); }

/// Explores `body` whole with dfs and with dpor: both must finish and reach the same
/// outcomes (`out` is what the body wrote). Returns the two searches, dfs's first.
std::pair<whole_outcomes, whole_outcomes> expect_same_outcomes_as_dfs(const std::function<void()>& body,
                                                                      const std::string& out) {
  auto all = explore_whole("dfs", body, out);
  auto reduced = explore_whole("dpor", body, out);
  EXPECT_TRUE(all.result.exhaustive);
  EXPECT_TRUE(reduced.result.exhaustive);
  EXPECT_EQ(reduced.outcomes, all.outcomes);
  return {std::move(all), std::move(reduced)};
}

/// Explores `body` whole with dpor: n! executions, each with its own `order` (what
/// the body wrote); up to n = 3, dfs (every interleaving, more of them from n = 2)
/// reaches the same outcomes.
void expect_one_execution_per_order(const std::function<void()>& body, const std::string& order, int n) {
  auto w = explore_whole("dpor", body, order);
  ASSERT_TRUE(w.result.exhaustive) << "N = " << n;
  EXPECT_EQ(w.outcomes.size(), factorial(static_cast<std::uint64_t>(n))) << "N = " << n;
  EXPECT_EQ(w.result.executions, factorial(static_cast<std::uint64_t>(n))) << "N = " << n;
  if (n > 3) return;
  auto all = explore_whole("dfs", body, order);
  ASSERT_TRUE(all.result.exhaustive);
  EXPECT_EQ(all.outcomes, w.outcomes) << "N = " << n;
  if (n >= 2) {
    EXPECT_GT(all.result.executions, w.result.executions) << "N = " << n;
  }
}

}  // namespace

// N senders to one receiver: one execution per receive order, N!, and every order is seen.
TEST(DporTwoSided, SendersToOneReceiverCostOneExecutionPerReceiveOrder) {
  for (int n = 1; n <= 5; ++n) {
    std::string order;
    auto body = [n, &order] {
      order.clear();
      auto c = make_chan<int>();
      for (int i = 0; i < n; ++i) go("sender", [c, i] { c.send(i); });
      for (int i = 0; i < n; ++i) order += std::to_string(c.recv().value);
    };
    expect_one_execution_per_order(body, order, n);
  }
}

// A value handed along a chain of unbuffered channels, every link started up front
// (bench/chain_shapes.hpp): every order of arrival ends the same, in one execution.
TEST(DporTwoSided, AChainOfHandOffsIsOneExecution) {
  for (int tasks : {1, 10, 100}) {
    std::string got;
    auto up_front = [tasks, &got] { got = std::to_string(bench::up_front_chain(tasks)); };
    auto w = explore_whole("dpor", up_front, got);
    ASSERT_TRUE(w.result.exhaustive) << tasks << " tasks";
    EXPECT_EQ(w.result.executions, 1u) << tasks << " tasks";
    std::string expected = std::to_string(tasks) + " |";
    for (int i = 0; i <= tasks; ++i) expected += " done";
    EXPECT_EQ(w.outcomes, std::set<std::string>{expected}) << tasks << " tasks";
  }
}

// A select with a send and a receive case on one channel: a plain send and a plain
// receive there do not commute (the select could pair with either), so dpor must
// reach every outcome dfs reaches.
TEST(DporTwoSided, ASelectOnBothSidesOfOneChannelKeepsEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out = "...";
    auto c = make_chan<int>();
    go("both", [c, &out] {
      select(send(c, 1, [&out] { out[0] = 's'; }), recv(c, [&out](int v) { out[0] = static_cast<char>('0' + v); }));
    });
    go("sender", [c, &out] {
      c.send(2);
      out[1] = 'S';
    });
    go("receiver", [c, &out] { out[2] = static_cast<char>('0' + c.recv().value); });
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_GE(all.outcomes.size(), 3u);  // the select pairs with the sender, with the receiver, or the two pair
}

// N tasks each take the mutex once and write their turn: one execution per order of
// taking it, N!, and each order is one outcome; dfs sees the same ones.
TEST(DporTwoSided, TasksTakingOneMutexCostOneExecutionPerOrder) {
  for (int n = 1; n <= 4; ++n) {
    std::string order;
    auto body = [n, &order] {
      order.clear();
      auto mu = std::make_shared<mutex>();
      for (int i = 0; i < n; ++i)
        go("locker", [mu, i, &order] {
          mu->lock();
          order += std::to_string(i);
          mu->unlock();
        });
    };
    expect_one_execution_per_order(body, order, n);
  }
}

// A semaphore of one unit is taken in FIFO order as a mutex is: N tasks taking it
// cost N! executions, one per order.
TEST(DporTwoSided, TasksTakingASemaphoresUnitCostOneExecutionPerOrder) {
  for (int n = 1; n <= 4; ++n) {
    std::string order;
    auto body = [n, &order] {
      order.clear();
      auto sem = std::make_shared<semaphore>(1);
      for (int i = 0; i < n; ++i)
        go("taker", [sem, i, &order] {
          sem->acquire();
          order += std::to_string(i);
          sem->release();
        });
    };
    expect_one_execution_per_order(body, order, n);
  }
}

// A release may give back units another task holds; a holder's own release may then
// find none left and panic, and whether it does depends on main's acquire coming
// before it or after. The differential test found it (a holder's release counted as
// the second side whatever a thief had released): dpor must reach both.
TEST(DporTwoSided, AHoldersReleaseAfterAThiefsKeepsEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out = "..";
    auto sem = std::make_shared<semaphore>(2);
    go("thief", [sem] { sem->release(); });
    go("holder", [sem, &out] {
      sem->acquire();
      sem->release();
      out[1] = 'h';
    });
    sem->acquire();
    out[0] = 'm';
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_GE(all.outcomes.size(), 3u);  // the thief panics, the holder does, or neither
}

// Go lets a task unlock a mutex another holds; on a free mutex the unlock is fatal.
// Whether main's lock comes first decides which: dpor must reach both.
TEST(DporTwoSided, AnUnlockByAnotherTaskKeepsEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out.clear();
    auto mu = std::make_shared<mutex>();
    go("unlocker", [mu, &out] {
      mu->unlock();
      out += "u";
    });
    mu->lock();
    out += "l";
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_GE(all.outcomes.size(), 2u);  // the unlock is fatal, or it unlocks main's hold
}

// A cond's wait releases the mutex as an unlock does, and retakes it once signalled.
TEST(DporTwoSided, ACondsWaitAndTheLocksAroundItKeepEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out.clear();
    struct shared {
      mutex mu;
      cond cv{mu};
      bool ready = false;
    };
    auto s = std::make_shared<shared>();
    go("waiter", [s, &out] {
      s->mu.lock();
      while (!s->ready) s->cv.wait();
      out += "w";
      s->mu.unlock();
    });
    go("other", [s, &out] {
      s->mu.lock();
      out += "o";
      s->mu.unlock();
    });
    s->mu.lock();
    s->ready = true;
    out += "m";
    s->cv.signal();
    s->mu.unlock();
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_LT(reduced.result.executions, all.result.executions);
}

// A wait group's dones commute unless one takes the counter below zero, and a wait
// with them (it parks and is woken, or finds zero): N workers marking done and main
// waiting for them cost one execution (N, one per last worker, before every done
// counted alike; ADoneTooManyPanicsInEitherTask checks the done too many).
TEST(DporTwoSided, WorkersMarkingAWaitGroupDoneCostOneExecution) {
  for (int n : {1, 3, 6}) {
    std::string out;
    auto body = [n, &out] {
      out.clear();
      auto wg = std::make_shared<wait_group>();
      wg->add(n);
      for (int i = 0; i < n; ++i) go("worker", [wg] { wg->done(); });
      wg->wait();
      out = "waited";
    };
    auto w = explore_whole("dpor", body, out);
    ASSERT_TRUE(w.result.exhaustive) << "N = " << n;
    EXPECT_EQ(w.result.executions, 1u) << "N = " << n;
    EXPECT_EQ(w.result.pruned, 0u) << "N = " << n;
    EXPECT_EQ(w.outcomes.size(), 1u) << "N = " << n;
  }
}

// What a task does after its wait comes after every done, not only the last: the
// sender's send, before its done, comes before the closer's close, whichever done
// woke the wait or brought the counter to zero. A search runs without the trace,
// and the wait group's kind must reach dpor all the same (it did not: the close
// raced with the send, and each reversal, impossible, ran to a run cut short).
TEST(DporTwoSided, WhatFollowsAWaitComesAfterEveryDone) {
  std::string out;
  auto body = [&out] {
    out.clear();
    auto wg = std::make_shared<wait_group>();
    auto results = make_chan<int>(1);
    wg->add(2);
    go("sender", [wg, results] {
      results.send(1);
      wg->done();
    });
    go("idle", [wg] { wg->done(); });
    go("closer", [wg, results] {
      wg->wait();
      results.close();
    });
    out = std::to_string(results.recv().value);
  };
  auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_EQ(reduced.outcomes.size(), 1u);
  EXPECT_EQ(reduced.result.pruned, 0u);
  EXPECT_EQ(reduced.result.executions, 3u);
}

// A once's calls and the end of its function commute: a call that comes while the
// function runs waits and is woken by its end, one that comes after passes; both end
// after the function. What a passing call's task does next comes after the
// function's steps: the closer's close after the loader's send inside it (without
// the once's two sides that edge was missing, and the close's race with the send,
// impossible to reverse, ran to runs cut short).
TEST(DporTwoSided, WhatFollowsAPassingCallComesAfterTheFunction) {
  std::string out;
  auto body = [&out] {
    out.clear();
    auto o = std::make_shared<once>();
    auto results = make_chan<int>(1);
    go("loader", [o, results] { o->call([results] { results.send(1); }); });
    go("closer", [o, results] {
      o->call([] {});
      results.close();
    });
    out = std::to_string(results.recv().value);
  };
  auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_EQ(reduced.outcomes.size(), 2u);  // the loader's function ran first, or the closer's
  EXPECT_EQ(reduced.result.pruned, 0u);
  EXPECT_EQ(reduced.result.executions, 5u);
}

// Whichever task runs the once's function, the other's call returns after it,
// woken by its end or passing after it, and so at its time.
TEST(DporTwoSided, ACallReturnsAtTheTimeTheFunctionEnded) {
  std::string out;
  auto body = [&out] {
    out = "..";
    auto o = std::make_shared<once>();
    go("other", [o, &out] {
      o->call([] { sleep(10ms); });
      out[1] = now() == time_point{} + 10ms ? 'o' : '?';
    });
    o->call([] { sleep(10ms); });
    out[0] = now() == time_point{} + 10ms ? 'm' : '?';
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  for (const auto& o : all.outcomes) EXPECT_EQ(o.substr(0, o.find(' ')), "mo") << o;
  EXPECT_EQ(reduced.result.pruned, 0u);
}

// Three callers of a once whose function throws: the one that runs it sees the
// exception, the others return after it (woken by its end or passing after it); a
// function that calls its own once again waits for itself forever. Every outcome
// dfs reaches, dpor reaches.
TEST(DporTwoSided, OnceCallersOfAThrowingOrRecursiveFunctionKeepEveryOutcome) {
  std::string out;
  auto throwing = [&out] {
    out = "...";
    auto o = std::make_shared<once>();
    auto caller = [o, &out](std::size_t i) {
      try {
        o->call([] { throw std::runtime_error("load failed"); });
        out[i] = 'p';
      } catch (const std::runtime_error&) {
        out[i] = 't';
      }
    };
    go("first", [caller] { caller(1); });
    go("second", [caller] { caller(2); });
    caller(0);
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(throwing, out);
  EXPECT_EQ(all.outcomes.size(), 3u);  // any of the three runs the function
  EXPECT_EQ(reduced.result.pruned, 0u);
  auto recursive = [&out] {
    out = "-";
    auto o = std::make_shared<once>();
    go("inner", [o, &out] { o->call([o, &out] { o->call([&out] { out = "ran twice"; }); }); });
  };
  const auto [all_r, reduced_r] = expect_same_outcomes_as_dfs(recursive, out);
  EXPECT_EQ(all_r.outcomes, (std::set<std::string>{"- | done blocked"}));
}

// One done too many: the counter goes below zero in whichever task marks done
// last, and a wait that finds it at zero may come before or after: every outcome dfs
// reaches, dpor reaches.
TEST(DporTwoSided, ADoneTooManyPanicsInEitherTask) {
  std::string out;
  auto body = [&out] {
    out = "..";
    auto wg = std::make_shared<wait_group>();
    wg->add(1);
    go("first", [wg, &out] {
      wg->done();
      out[0] = '1';
    });
    go("second", [wg, &out] {
      wg->done();
      out[1] = '2';
    });
    wg->wait();
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_GE(all.outcomes.size(), 2u);  // the first or the second task panics
}

// A read-write mutex's readers only count readers while no writer claims it: N
// readers taking and leaving it cost one execution (every order of theirs was one
// execution per order before).
TEST(DporTwoSided, ReadersOfARwmutexCommuteWhileNoWriterClaimsIt) {
  for (int n : {1, 3, 5}) {
    std::string out;
    auto body = [n, &out] {
      out = "read";
      auto mu = std::make_shared<rwmutex>();
      for (int i = 0; i < n; ++i) go("reader", [mu] { mu->rlock(), mu->runlock(); });
    };
    auto w = explore_whole("dpor", body, out);
    ASSERT_TRUE(w.result.exhaustive) << "N = " << n;
    EXPECT_EQ(w.result.executions, 1u) << "N = " << n;
    if (n <= 3) expect_same_outcomes_as_dfs(body, out);
  }
}

// A writer orders itself with every reader; a reader that read-locks twice while the
// writer waits deadlocks (writer preference); a runlock by a task that holds no read
// lock takes another's, so the holder's own runlock may be fatal: dfs's outcomes, all.
TEST(DporTwoSided, AWriterAndTheReadersAroundItKeepEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out = "...";
    auto mu = std::make_shared<rwmutex>();
    auto value = std::make_shared<int>(0);
    go("writer", [mu, value] { mu->lock(), *value = 1, mu->unlock(); });
    go("reader", [mu, value, &out] {
      mu->rlock();
      out[0] = static_cast<char>('0' + *value);
      mu->runlock();
    });
    go("twice", [mu, value, &out] {
      mu->rlock();
      mu->rlock();  // blocks for good once the writer waits between the two
      out[1] = static_cast<char>('0' + *value);
      mu->runlock(), mu->runlock();
    });
    mu->rlock();
    out[2] = static_cast<char>('0' + *value);
    mu->runlock();
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_LT(reduced.result.executions, all.result.executions);
  bool deadlock = false;
  for (const auto& o : all.outcomes) deadlock = deadlock || o.find("blocked") != std::string::npos;
  EXPECT_TRUE(deadlock) << "the double read lock's deadlock is among dfs's outcomes";
}

// Main read-locks and a thief's runlock takes main's read lock; main's own runlock
// is then fatal unless a reader came in before it.
TEST(DporTwoSided, ARunlockByATaskThatHoldsNoReadLockKeepsEveryOutcome) {
  std::string out;
  auto body = [&out] {
    out = ".";
    auto mu = std::make_shared<rwmutex>();
    auto done = make_chan<empty>();
    mu->rlock();
    go("thief", [mu, done] { mu->runlock(), done.close(); });
    (void)done.recv();
    go("reader", [mu] { mu->rlock(); });
    mu->runlock();
    out = "m";
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  EXPECT_GE(all.outcomes.size(), 2u);  // main's runlock is fatal, or the reader's count lets it through
}

// Two waits on a wait group at zero read it and commute, so no time passes between
// them: main's now() after its wait is 0 ms whether the task that slept 10 ms waited
// first or not, under dfs (which records no steps) as under dpor. (The differential
// test found main reading 10 ms under dfs only, where time flowed through every
// touch of the wait group: RC_PARAMS="reproduce=..." in docs/exploration.md.)
TEST(DporTwoSided, ReadsOfAWaitGroupPassNoTimeBetweenThem) {
  std::string out;
  auto body = [&out] {
    auto wg = std::make_shared<wait_group>();
    go("sleeper", [wg] { sleep(10ms), wg->wait(); });
    const time_point start = now();
    wg->wait();
    out = std::to_string((now() - start) / 1ms);
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  for (const auto& o : all.outcomes) EXPECT_EQ(o.substr(0, o.find(' ')), "0") << o;
}

// A waiter waits for every done, not only the last: it has seen each worker's time,
// whether it parked before them or found zero after, and whichever worker was last
// (their dones commute). A slow worker's 10 ms reach main in every execution, and a
// worker's now() never shows the other's (their dones pass nothing between them).
TEST(DporTwoSided, AWaiterSeesTheTimeOfEveryDone) {
  std::string out;
  auto body = [&out] {
    out = "..";
    auto wg = std::make_shared<wait_group>();
    wg->add(2);
    go("slow", [wg] { sleep(10ms), wg->done(); });
    go("quick", [wg, &out] {
      wg->done();
      out[1] = now() == time_point{} ? 'q' : '?';
    });
    wg->wait();
    out[0] = now() == time_point{} + 10ms ? 'm' : '?';
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  for (const auto& o : all.outcomes) EXPECT_EQ(o.substr(0, o.find(' ')), "mq") << o;
  EXPECT_LT(reduced.result.executions, all.result.executions);
  EXPECT_EQ(reduced.result.pruned, 0u);
}

// A lock's arrival and its holder's unlock commute for dpor: time must not flow
// between them either. The unlocker used to take in a late locker's time when the
// locker parked first (main's now() 10 ms under dfs, 0 under dpor's one order);
// now a lock takes what the unlocks released and an unlock gives to the next lock only.
TEST(DporTwoSided, AnUnlockerDoesNotTakeAnArrivingLockersTime) {
  std::string out;
  auto body = [&out] {
    out.clear();
    auto mu = std::make_shared<mutex>();
    mu->lock();
    go("late", [mu, &out] {
      sleep(10ms);
      mu->lock();
      out += "+" + std::to_string((now() - time_point{}) / 1ms);
      mu->unlock();
    });
    yield();
    mu->unlock();
    out = std::to_string((now() - time_point{}) / 1ms) + out;
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  for (const auto& o : all.outcomes) EXPECT_EQ(o.substr(0, 1), "0") << o;
}

// A semaphore's acquire that fits takes no release's time: dpor does not order it
// after the releases (they are on the other side). One that needed units takes the
// time of the release that admitted it, and of those before it, not of later ones.
TEST(DporTwoSided, AnAcquireTakesOnlyTheTimeOfTheReleaseThatAdmittedIt) {
  std::string out;
  auto body = [&out] {
    out.clear();
    auto sem = std::make_shared<semaphore>(2);
    go("reader", [sem, &out] {
      sem->acquire();
      out = std::to_string((now() - time_point{}) / 1ms);
    });
    go("holder", [sem] {
      sem->acquire();
      sleep(10ms);
      sem->release();
    });
  };
  const auto [all, reduced] = expect_same_outcomes_as_dfs(body, out);
  for (const auto& o : all.outcomes) EXPECT_EQ(o.substr(0, o.find(' ')), "0") << o;
}

}  // namespace chancheck::testing
