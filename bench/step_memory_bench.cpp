// step_memory_bench.cpp: the heap one execution holds per scheduling step, under
// each strategy (chancheck_step_memory).
//
//   step_memory/<strategy>/<steps>/<senders>   one execution of <senders> tasks
//       handing values to main over an unbuffered channel until about <steps> steps ran. A counting global
//       operator new/delete tracks the live heap; the peak above the live heap
//       before the search, divided by the steps, is the bytes_per_step counter, and
//       the allocations the search made, divided by the steps, allocs_per_step (a
//       few growing vectors make it tend to 0: nothing is allocated per step).
//
// dpor keeps a log of every step of the running execution (its vector clocks and
// the objects it touched) to find races; the other strategies keep only their
// decisions. --max-steps bounds the steps, so it bounds this memory too: the
// figures and the bound are in docs/performance.md.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chancheck/chancheck.hpp>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>

#include <chancheck/harness/engine/explorer.hpp>

#include "bench/single_execution.hpp"

namespace {

std::atomic<std::size_t> live{0}, peak{0}, allocations{0};

void note_alloc(std::size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  std::size_t now = live.fetch_add(n, std::memory_order_relaxed) + n;
  std::size_t p = peak.load(std::memory_order_relaxed);
  while (now > p && !peak.compare_exchange_weak(p, now, std::memory_order_relaxed)) {}
}

}  // namespace

// Every allocation carries its size in a header, so delete can subtract it.
void* operator new(std::size_t n) {
  auto* p = static_cast<std::size_t*>(std::malloc(n + 16));
  if (!p) throw std::bad_alloc();
  *p = n;
  note_alloc(n);
  return reinterpret_cast<char*>(p) + 16;
}
void operator delete(void* q) noexcept {
  if (!q) return;
  auto* p = reinterpret_cast<std::size_t*>(static_cast<char*>(q) - 16);
  live.fetch_sub(*p, std::memory_order_relaxed);
  std::free(p);
}
void operator delete(void* q, std::size_t) noexcept { operator delete(q); }

namespace {

using namespace chancheck;
using namespace chancheck::detail;  // benchmarks reach the internals

/// `senders` tasks handing `n` values in all to main over one unbuffered channel.
void hand_offs(int n, int senders) {
  auto c = make_chan<int>();
  for (int k = 0; k < senders; ++k)
    go("sender", [c, n, senders] {
      for (int i = 0; i < n / senders; ++i) c.send(i);
    });
  for (int i = 0; i < n / senders * senders; ++i) c.recv();
}

void step_memory(benchmark::State& state, const char* strategy) {
  const int n = static_cast<int>(state.range(0)) / 3;  // a hand-off is three steps
  const int senders = static_cast<int>(state.range(1));
  const explore_options o = chancheck::bench::single_execution(strategy);
  std::uint64_t steps = 0;
  std::size_t extra = 0, allocs = 0;
  for (auto _ : state) {
    const std::size_t before = live.load(), allocs_before = allocations.load();
    peak.store(before);
    auto r = explore([n, senders] { hand_offs(n, senders); }, o,
                     [&](const execution_record& rec) {
                       steps = rec.steps;
                       return false;
                     });
    benchmark::DoNotOptimize(r.executions);
    extra = peak.load() - before;
    allocs = allocations.load() - allocs_before;
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["bytes_per_step"] = steps ? static_cast<double>(extra) / static_cast<double>(steps) : 0;
  state.counters["allocs_per_step"] = steps ? static_cast<double>(allocs) / static_cast<double>(steps) : 0;
  state.counters["tasks"] = senders + 1;
  state.counters["peak_MB"] = static_cast<double>(extra) / 1e6;
}

}  // namespace

// Steps with two tasks, then tasks at 100,000 steps (dpor's clocks have an entry per task).
BENCHMARK_CAPTURE(step_memory, dpor, "dpor")
    ->ArgsProduct({{10000, 100000, 1000000}, {1}})
    ->Args({100000, 63})
    ->Args({100000, 1023})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(step_memory, dfs, "dfs")
    ->ArgsProduct({{10000, 100000, 1000000}, {1}})
    ->Args({100000, 1023})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(step_memory, random, "random")
    ->ArgsProduct({{10000, 100000, 1000000}, {1}})
    ->Args({100000, 1023})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
