// fifo_bench.cpp: hand-offs on unbuffered channels explored whole (chancheck_fifo).
//
//   fifo/<strategy>/<senders>   main starts <senders> tasks, task i sends i on one
//       unbuffered channel, and main receives that many values, keeping their
//       order. The counters say how many executions the strategy ran, how many
//       receive orders they showed (every one is possible: senders!), and the
//       executions per order.
//   chain/<strategy>/<tasks>   the chain of chain_bench.cpp explored whole: one
//       value handed along <tasks> + 1 unbuffered hand-offs, every task started up
//       front. Every order of arrivals ends the same: one receive order.
//
// A rendezvous is one event whichever side arrives first (docs/exploration.md, "A
// rendezvous is one event"), so dpor runs one execution per receive order: senders!
// for the fifo, 1 for the chain. dfs, which runs every interleaving, is there for
// comparison at the sizes it finishes.
#include <benchmark/benchmark.h>

#include <chancheck/chancheck.hpp>
#include <cstdint>
#include <set>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>

#include "bench/chain_shapes.hpp"
#include "bench/single_execution.hpp"

using namespace chancheck::detail;  // benchmarks reach the internals

namespace {

using namespace chancheck;

/// `senders` tasks each send their index on one unbuffered channel; main receives them all into `got`.
void fifo_body(int senders, std::vector<int>& got) {
  got.clear();
  auto c = make_chan<int>();
  for (int i = 0; i < senders; ++i) go("sender", [c, i] { c.send(i); });
  for (int i = 0; i < senders; ++i) got.push_back(c.recv().value);
}

/// The chain (chain_shapes.hpp); `got` holds what arrives at its end.
void chain_body(int tasks, std::vector<int>& got) {
  got.clear();
  got.push_back(chancheck::bench::up_front_chain(tasks));
}

/// Explores `shape` whole with `strategy` and counts executions and distinct receive orders.
void explore_whole(benchmark::State& state, const char* strategy, void (*shape)(int, std::vector<int>&)) {
  const int n = static_cast<int>(state.range(0));
  explore_options o = chancheck::bench::single_execution(strategy);
  o.max_executions = 0;  // the whole tree
  std::vector<int> got;
  std::set<std::vector<int>> orders;
  explore_result r;
  for (auto _ : state) {
    orders.clear();
    r = explore([n, shape, &got] { shape(n, got); }, o,
                [&](const execution_record&) {
                  orders.insert(got);
                  return false;
                });
  }
  state.counters["executions"] = static_cast<double>(r.executions);
  state.counters["orders"] = static_cast<double>(orders.size());
  state.counters["per_order"] =
      orders.empty() ? 0 : static_cast<double>(r.executions) / static_cast<double>(orders.size());
  state.counters["exhaustive"] = r.exhaustive ? 1 : 0;
  if (!r.exhaustive) state.SkipWithError("the exploration did not finish");
}

}  // namespace

BENCHMARK_CAPTURE(explore_whole, fifo_dpor, "dpor", fifo_body)
    ->DenseRange(1, 8)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(explore_whole, fifo_dfs, "dfs", fifo_body)
    ->DenseRange(1, 3)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(explore_whole, chain_dpor, "dpor", chain_body)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(explore_whole, chain_dfs, "dfs", chain_body)
    ->DenseRange(1, 4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
