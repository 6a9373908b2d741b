// chan_throughput_bench.cpp: throughput of chancheck's channels on real threads
// (outside the explorer), against a plain mutex + condition variable queue
// (bench/mutex_queue.hpp) run in the same shape in the same process.
//
//   pingpong/unbuffered/<side>   two tasks, two unbuffered channels: one sends
//       i on `ping` and waits for it back on `pong`; the other echoes. One
//       iteration = one round trip = two hand-offs.
//   stream/cap<C>/<side>         one producer sends 1..n on a channel of
//       capacity C and closes it; one consumer receives until closed. One
//       iteration = one item.
//   many_to_many/cap<C>/<side>   4 senders share n items on one channel of
//       capacity C; 4 receivers drain it until the main thread closes it (after
//       the senders end). One iteration = one item.
//   solo/cap64/<side>            one task alone: sends up to 64 values on a
//       channel of capacity 64, then receives them, and so on. Nothing waits:
//       the cost of a send and a receive themselves. One iteration = one item.
//
// <side> is `chancheck` (tasks started with chancheck::go, chan<T>) or
// `mutex_queue` (std::thread, mutex_queue<T>). Each benchmark runs one batch:
// it starts its tasks, moves `batch` items, waits for every task to end, and
// checks that every value arrived once. Times are wall-clock (UseRealTime); the
// CPU column is the CPU time of the whole process over the batch, and
// switches/unit counts the process's context switches per unit. After the
// table, a summary gives each case's chancheck / mutex_queue throughput ratio.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chancheck/chancheck.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "bench/mutex_queue.hpp"
#include "bench/summary_reporter.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace {

using namespace chancheck;
using benchmark::Counter;
using item = std::int64_t;

constexpr int m2m_senders = 4;
constexpr int m2m_receivers = 4;

/// Waits for every task started with go() to end. False when one is still alive after 10 s.
bool no_task_left() {
  return live_tasks::wait_until_none("", std::chrono::steady_clock::now() + std::chrono::seconds(10));
}

/// 1 + 2 + ... + n.
item triangle(item n) { return n * (n + 1) / 2; }

// ---- ping-pong on two unbuffered channels: returns true when every echo matched.

bool pingpong_chancheck(item n) {
  auto ping = make_chan<item>(0);
  auto pong = make_chan<item>(0);
  bool ok = true;
  wait_group wg;
  wg.add(2);
  go("ping", [ping, pong, n, &ok, &wg] {
    for (item i = 0; i < n; ++i) {
      ping.send(i);
      if (pong.recv().value != i) ok = false;
    }
    wg.done();
  });
  go("pong", [ping, pong, n, &wg] {
    for (item i = 0; i < n; ++i) pong.send(ping.recv().value);
    wg.done();
  });
  wg.wait();
  return no_task_left() && ok;
}

bool pingpong_queue(item n) {
  bench::mutex_queue<item> ping(0), pong(0);
  bool ok = true;
  std::thread a([&] {
    for (item i = 0; i < n; ++i) {
      ping.send(i);
      if (pong.recv().value != i) ok = false;
    }
  });
  std::thread b([&] {
    for (item i = 0; i < n; ++i) pong.send(ping.recv().value);
  });
  a.join();
  b.join();
  return ok;
}

// ---- one producer, one consumer: returns true when the consumer got 1..n.

bool stream_chancheck(std::size_t cap, item n) {
  auto ch = make_chan<item>(cap);
  item sum = 0, count = 0;
  wait_group wg;
  wg.add(2);
  go("producer", [ch, n, &wg] {
    for (item i = 1; i <= n; ++i) ch.send(i);
    ch.close();
    wg.done();
  });
  go("consumer", [ch, &sum, &count, &wg] {
    for (auto v = ch.recv(); v.ok; v = ch.recv()) sum += v.value, ++count;
    wg.done();
  });
  wg.wait();
  return no_task_left() && count == n && sum == triangle(n);
}

bool stream_queue(std::size_t cap, item n) {
  bench::mutex_queue<item> q(cap);
  item sum = 0, count = 0;
  std::thread producer([&] {
    for (item i = 1; i <= n; ++i) q.send(i);
    q.close();
  });
  std::thread consumer([&] {
    for (auto v = q.recv(); v.ok; v = q.recv()) sum += v.value, ++count;
  });
  producer.join();
  consumer.join();
  return count == n && sum == triangle(n);
}

// ---- many to many: sender s sends the values s*n/S+1 .. (s+1)*n/S.

item share_begin(int s, item n) { return n * s / m2m_senders; }

bool m2m_chancheck(std::size_t cap, item n) {
  auto ch = make_chan<item>(cap);
  std::vector<item> sums(m2m_receivers, 0), counts(m2m_receivers, 0);
  wait_group senders, receivers;
  senders.add(m2m_senders);
  receivers.add(m2m_receivers);
  for (int s = 0; s < m2m_senders; ++s)
    go("sender", [ch, s, n, &senders] {
      for (item i = share_begin(s, n) + 1; i <= share_begin(s + 1, n); ++i) ch.send(i);
      senders.done();
    });
  for (int r = 0; r < m2m_receivers; ++r)
    go("receiver", [ch, r, &sums, &counts, &receivers] {
      item sum = 0, count = 0;
      for (auto v = ch.recv(); v.ok; v = ch.recv()) sum += v.value, ++count;
      sums[r] = sum;
      counts[r] = count;
      receivers.done();
    });
  senders.wait();
  ch.close();
  receivers.wait();
  item sum = 0, count = 0;
  for (int r = 0; r < m2m_receivers; ++r) sum += sums[r], count += counts[r];
  return no_task_left() && count == n && sum == triangle(n);
}

bool m2m_queue(std::size_t cap, item n) {
  bench::mutex_queue<item> q(cap);
  std::vector<item> sums(m2m_receivers, 0), counts(m2m_receivers, 0);
  std::vector<std::thread> senders, receivers;
  for (int s = 0; s < m2m_senders; ++s)
    senders.emplace_back([&q, s, n] {
      for (item i = share_begin(s, n) + 1; i <= share_begin(s + 1, n); ++i) q.send(i);
    });
  for (int r = 0; r < m2m_receivers; ++r)
    receivers.emplace_back([&q, r, &sums, &counts] {
      item sum = 0, count = 0;
      for (auto v = q.recv(); v.ok; v = q.recv()) sum += v.value, ++count;
      sums[r] = sum;
      counts[r] = count;
    });
  for (auto& t : senders) t.join();
  q.close();
  for (auto& t : receivers) t.join();
  item sum = 0, count = 0;
  for (int r = 0; r < m2m_receivers; ++r) sum += sums[r], count += counts[r];
  return count == n && sum == triangle(n);
}

// ---- one task alone on a channel of capacity 64: sends up to 64 values, then
// receives them. Nothing ever waits: the cost of the operations themselves.

constexpr item solo_cap = 64;

template <class Send, class Recv>
item solo_loop(item n, Send send, Recv recv) {
  item sum = 0;
  for (item first = 1; first <= n; first += solo_cap) {
    const item last = std::min(n, first + solo_cap - 1);
    for (item i = first; i <= last; ++i) send(i);
    for (item i = first; i <= last; ++i) sum += recv();
  }
  return sum;
}

bool solo_chancheck(item n) {
  auto ch = make_chan<item>(solo_cap);
  item sum = 0;
  wait_group wg;
  wg.add(1);
  go("solo", [ch, n, &sum, &wg] {
    sum = solo_loop(
        n, [&](item v) { ch.send(v); }, [&] { return ch.recv().value; });
    wg.done();
  });
  wg.wait();
  return no_task_left() && sum == triangle(n);
}

bool solo_queue(item n) {
  bench::mutex_queue<item> q(solo_cap);
  item sum = 0;
  std::thread t([&] {
    sum = solo_loop(
        n, [&](item v) { q.send(v); }, [&] { return q.recv().value; });
  });
  t.join();
  return sum == triangle(n);
}

// ---- the benchmarks: one batch of state.max_iterations items (or round trips).

/// Context switches of the whole process so far (every thread, ended ones included).
double context_switches() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_nvcsw + u.ru_nivcsw);
}

/// Runs `run(batch)` once per batch and reports `unit`/s, and the context
/// switches per unit (thread starts and ends included, a few per batch).
template <class Run>
void batched(benchmark::State& state, const char* unit, Run run) {
  std::uint64_t done = 0;
  const double switches_before = context_switches();
  while (state.KeepRunningBatch(state.max_iterations)) {
    if (!run(static_cast<item>(state.max_iterations))) {
      state.SkipWithError("a value was lost or duplicated, or a task did not end");
      return;
    }
    done += static_cast<std::uint64_t>(state.max_iterations);
  }
  state.counters[unit] = Counter(static_cast<double>(done), Counter::kIsRate);
  state.counters["switches/unit"] = (context_switches() - switches_before) / static_cast<double>(done ? done : 1);
}

void bm_pingpong_chancheck(benchmark::State& s) { batched(s, "round_trips/s", pingpong_chancheck); }
void bm_pingpong_queue(benchmark::State& s) { batched(s, "round_trips/s", pingpong_queue); }

// A case whose benchmark argument is the channel capacity.
template <class F>
void batched_with_capacity(benchmark::State& s, F run) {
  const auto cap = static_cast<std::size_t>(s.range(0));
  batched(s, "items/s", [cap, run](item n) { return run(cap, n); });
}

void bm_stream_chancheck(benchmark::State& s) { batched_with_capacity(s, stream_chancheck); }
void bm_stream_queue(benchmark::State& s) { batched_with_capacity(s, stream_queue); }
void bm_m2m_chancheck(benchmark::State& s) { batched_with_capacity(s, m2m_chancheck); }
void bm_m2m_queue(benchmark::State& s) { batched_with_capacity(s, m2m_queue); }

void bm_solo_chancheck(benchmark::State& s) { batched(s, "items/s", solo_chancheck); }
void bm_solo_queue(benchmark::State& s) { batched(s, "items/s", solo_queue); }

/// One case of the summary: its two benchmarks and their rate counter.
struct summary_case {
  std::string label;
  std::string chancheck;
  std::string queue;
  std::string unit;
  double per_unit_handoffs;  ///< hand-offs per unit, for the ns-per-hand-off column
};

std::vector<summary_case> register_all() {
  std::vector<summary_case> cases;
  auto add = [&](const std::string& label, const std::string& base, const char* unit, double handoffs,
                 void (*cc)(benchmark::State&), void (*q)(benchmark::State&), int cap) {
    const std::string ccn = base + "/chancheck", qn = base + "/mutex_queue";
    for (auto [name, fn] : {std::pair{ccn, cc}, std::pair{qn, q}}) {
      auto* b = benchmark::RegisterBenchmark(name.c_str(), fn);
      if (cap >= 0) b->Arg(cap);
      b->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kNanosecond);
    }
    if (cap >= 0) {  // Google Benchmark appends the argument to the name
      cases.push_back({label, ccn + "/" + std::to_string(cap), qn + "/" + std::to_string(cap), unit, handoffs});
    } else {
      cases.push_back({label, ccn, qn, unit, handoffs});
    }
  };
  add("ping-pong, unbuffered", "pingpong/unbuffered", "round_trips/s", 2, bm_pingpong_chancheck, bm_pingpong_queue, -1);
  add("stream, capacity 1", "stream/cap1", "items/s", 1, bm_stream_chancheck, bm_stream_queue, 1);
  add("stream, capacity 64", "stream/cap64", "items/s", 1, bm_stream_chancheck, bm_stream_queue, 64);
  add("4x4, unbuffered", "many_to_many/cap0", "items/s", 1, bm_m2m_chancheck, bm_m2m_queue, 0);
  add("4x4, capacity 64", "many_to_many/cap64", "items/s", 1, bm_m2m_chancheck, bm_m2m_queue, 64);
  add("1 task, capacity 64", "solo/cap64", "items/s", 1, bm_solo_chancheck, bm_solo_queue, -1);
  return cases;
}

using bench::summary_reporter;

void print_summary(const summary_reporter& r, const std::vector<summary_case>& cases) {
  std::printf("\nSummary (wall-clock rates; ratio > 1: chancheck moves more per second)\n");
  std::printf("  %-22s %12s %12s %7s %9s %9s %8s %8s\n", "case", "chancheck/s", "queue/s", "ratio", "cc ns/ho",
              "mq ns/ho", "cc sw/u", "mq sw/u");
  for (const auto& c : cases) {
    double cc = r.get(c.chancheck, c.unit);
    double q = r.get(c.queue, c.unit);
    if (cc == 0 || q == 0) continue;
    std::printf("  %-22s %12.0f %12.0f %7.2f %9.0f %9.0f %8.2f %8.2f\n", c.label.c_str(), cc, q, cc / q,
                1e9 / (cc * c.per_unit_handoffs), 1e9 / (q * c.per_unit_handoffs), r.get(c.chancheck, "switches/unit"),
                r.get(c.queue, "switches/unit"));
  }
  std::printf("  unit: a round trip for ping-pong, an item otherwise. ns/ho: ns per hand-off.\n");
  std::printf("  sw/u: context switches of the process per unit. queue = mutex_queue.\n");
}

}  // namespace

int main(int argc, char** argv) {
  const auto cases = register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  summary_reporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Color
                                                  : benchmark::ConsoleReporter::OO_None);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_summary(reporter, cases);
  benchmark::Shutdown();
  return 0;
}
