// chain_bench.cpp: the cost of one execution as the tasks grow (chancheck_chain).
//
//   one_execution/<strategy>_up_front/<tasks>   main starts <tasks> tasks, task i
//       receives one value on unbuffered channel i and sends it on channel i + 1;
//       main sends the value into the first channel and receives it from the last.
//       Every task is runnable from the start, so each decision offers thousands.
//   one_execution/<strategy>_relay/<tasks>   the same hand-off, but each task
//       starts the next one with a channel of its own once it has the value (Go's
//       daisy chain): a few tasks are runnable at any time.
// One execution per iteration, so the time is the cost of one execution of that
// many tasks.
//
// After the table the program prints, per size, dpor's time per execution over
// random's: the price of dpor's step log and race analysis, which the issue of
// scale wants within 5 times at 10,000 tasks (docs/performance.md has the figures).
#include <benchmark/benchmark.h>

#include <chancheck/chancheck.hpp>
#include <cstdio>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>

#include "bench/chain_shapes.hpp"
#include "bench/single_execution.hpp"

#include "bench/summary_reporter.hpp"

namespace {

using namespace chancheck;

/// The chain started up front: `tasks` tasks handing one value along unbuffered channels.
void up_front(int tasks) { (void)chancheck::bench::up_front_chain(tasks); }

/// One link of the relay: takes the value, starts the next link, hands the value on.
void relay_link(chan<int> in, chan<int> done, int left) {
  const int v = in.recv().value;
  if (left == 0) {
    done.send(v);
    return;
  }
  auto out = make_chan<int>();
  go("link", [out, done, left] { relay_link(out, done, left - 1); });
  out.send(v + 1);
}

/// The relay: `tasks` links, each started by the one before.
void relay(int tasks) {
  auto first = make_chan<int>(), done = make_chan<int>();
  go("link", [first, done, tasks] { relay_link(first, done, tasks - 1); });
  first.send(0);
  (void)done.recv();
}

void one_execution(benchmark::State& state, const char* strategy, void (*shape)(int)) {
  const int tasks = static_cast<int>(state.range(0));
  const explore_options o = chancheck::bench::single_execution(strategy);
  std::uint64_t steps = 0;
  for (auto _ : state) {
    auto r = explore([tasks, shape] { shape(tasks); }, o,
                     [&](const execution_record& rec) {
                       steps = rec.steps;
                       return false;
                     });
    benchmark::DoNotOptimize(r.executions);
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["tasks"] = tasks + 1;
  state.counters["s_per_execution"] =
      benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK_CAPTURE(one_execution, random_up_front, "random", up_front)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_execution, dpor_up_front, "dpor", up_front)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_execution, random_relay, "random", relay)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_execution, dpor_relay, "dpor", relay)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  chancheck::bench::summary_reporter table(benchmark::ConsoleReporter::OO_Defaults);
  benchmark::RunSpecifiedBenchmarks(&table);
  for (const char* shape : {"up_front", "relay"}) {
    std::printf("\ndpor / random, time per execution of the chain (%s):\n", shape);
    for (int n : {100, 1000, 3000, 10000}) {
      const std::string arg = std::string("_") + shape + "/" + std::to_string(n);
      const double d = table.get("one_execution/dpor" + arg, "s_per_execution");
      const double r = table.get("one_execution/random" + arg, "s_per_execution");
      if (d > 0 && r > 0) std::printf("  %6d tasks: dpor %.4f s, random %.4f s, ratio %.1f\n", n, d, r, d / r);
    }
  }
  return 0;
}
