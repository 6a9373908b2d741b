// family_bench.cpp: the family "N independent process() calls" (bench/family.hpp)
// under the explorer's strategies (chancheck_family).
//
//   chancheck_family --config STRATEGY N CAPACITY CAP_SECONDS [--until-violation] [--classes]
//       runs one configuration and prints one line of key=value pairs:
//       executions, pruned, exhaustive, which bound stopped it, seconds, and the
//       peak resident memory of this process (bench/peak_memory.hpp) before and
//       after.
//       Without --until-violation nothing counts as failing: the whole space is
//       explored (up to the cap). With it, the exploration stops at the first
//       execution that violates a property (properties/termination.hpp): the
//       time to the first leak of the buggy family (capacity 0).
//       --classes also counts the equivalence classes and the outcomes among the executions
//       (bench/class_count.hpp); that adds the cost of the step log and of the
//       keys, so its seconds are not the explorer's own.
//       STRATEGY is dfs, dpor, random (seed 1), pct (depth 3, seed 1) or bounded.
//   chancheck_family [Google Benchmark flags]
//       times whole exhaustive explorations of the fixed family: dpor for N = 1..5
//       (N = 6 takes tens of seconds), dfs for N = 1 (N = 2 does not finish in
//       minutes).
//
// bench/family_table.py runs every configuration in its own process (so that
// each peak memory figure is its own) and prints the table of docs/exploration.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>
#include "bench/class_count.hpp"
#include "bench/family.hpp"
#include "bench/peak_memory.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace {

using namespace chancheck;

bool parse_strategy(const std::string& s, std::string& out) {
  const strategy_entry* e = find_strategy(s);
  if (!e || !e->offered) return false;
  out = s;
  return true;
}

const char* bound_name(bound_hit b) {
  switch (b) {
    case bound_hit::none: return "none";
    case bound_hit::executions: return "executions";
    case bound_hit::budget: return "budget";
  }
  return "?";
}

int usage() {
  std::fprintf(stderr,
               "usage: chancheck_family --config STRATEGY N CAPACITY CAP_SECONDS [--until-violation] [--classes] "
               "[--no-split]\n"
               "  STRATEGY: %s; N from 1 to 10000; CAPACITY 0 (buggy) or 1 (fixed);\n"
               "  CAP_SECONDS > 0, the wall-clock budget of the exploration.\n"
               "  Without --config the program runs its Google Benchmark timings.\n",
               offered_strategy_names().c_str());
  return 2;
}

int run_config(int argc, char** argv) {
  // argv[0] is the program, argv[1] is --config.
  if (argc < 6) return usage();
  std::string strategy;
  if (!parse_strategy(argv[2], strategy)) return usage();
  long n = std::strtol(argv[3], nullptr, 10);
  long capacity = std::strtol(argv[4], nullptr, 10);
  double cap = std::strtod(argv[5], nullptr);
  if (n < 1 || n > 10000 || capacity < 0 || cap <= 0) return usage();
  bool until_violation = false, classes = false, split = true;
  for (int i = 6; i < argc; ++i) {
    if (std::strcmp(argv[i], "--until-violation") == 0)
      until_violation = true;
    else if (std::strcmp(argv[i], "--classes") == 0)
      classes = true;
    else if (std::strcmp(argv[i], "--no-split") == 0)
      split = false;
    else
      return usage();
  }
  if (classes && (until_violation || (strategy != "dfs" && strategy != "dpor"))) {
    std::fprintf(stderr, "--classes counts the classes of a whole dfs or dpor exploration: drop --until-violation\n");
    return 2;
  }

  bench::process_family family(static_cast<unsigned>(n), static_cast<std::size_t>(capacity));
  auto body = family.body();
  auto budget = std::chrono::milliseconds(static_cast<long long>(cap * 1000));
  long rss_start = bench::peak_rss_kb();
  std::printf("family strategy=%s n=%ld capacity=%ld cap_s=%g mode=%s", strategy.c_str(), n, capacity, cap,
              classes           ? "classes"
              : until_violation ? "first_violation"
                                : "explore");
  if (classes) {
    auto c = bench::count_classes(body, strategy, budget, [&] { return family.results(); });
    std::printf(" executions=%llu pruned=%llu classes=%llu outcomes=%llu exhaustive=%d seconds=%.6f",
                static_cast<unsigned long long>(c.executions), static_cast<unsigned long long>(c.pruned),
                static_cast<unsigned long long>(c.classes), static_cast<unsigned long long>(c.outcomes),
                c.exhaustive ? 1 : 0, c.seconds);
  } else {
    explore_options o;
    o.strategy = strategy;
    o.seed = 1;
    o.pct_depth = 3;
    o.max_executions = 0;
    o.budget = budget;
    o.dpor_split = split;
    std::uint64_t violating = 0;
    auto r = explore(body, o, [&](const execution_record& rec) {
      if (!until_violation) {
        if (violates(rec)) ++violating;
        return false;
      }
      return violates(rec);
    });
    std::printf(" executions=%llu pruned=%llu exhaustive=%d bound=%s found=%d violating=%llu seconds=%.6f",
                static_cast<unsigned long long>(r.executions), static_cast<unsigned long long>(r.pruned),
                r.exhaustive ? 1 : 0, bound_name(r.bound), r.found ? 1 : 0,
                static_cast<unsigned long long>(until_violation ? (r.found ? 1 : 0) : violating), r.seconds);
    if (!r.error.empty()) {
      std::printf(" error=1\n");
      std::fprintf(stderr, "the exploration stopped: %s\n", r.error.c_str());
      return 1;
    }
  }
  std::printf(" rss_start_kb=%ld max_rss_kb=%ld\n", rss_start, bench::peak_rss_kb());
  return 0;
}

// One whole exhaustive exploration of the fixed family per iteration.
void bm_family(benchmark::State& state, const char* strategy) {
  bench::process_family family(static_cast<unsigned>(state.range(0)), 1);
  auto body = family.body();
  std::uint64_t executions = 0;
  for (auto _ : state) {
    explore_options o;
    o.strategy = strategy;
    o.max_executions = 0;
    auto r = explore(body, o, [](const execution_record&) { return false; });
    if (!r.exhaustive || !r.error.empty()) {
      state.SkipWithError("the exploration was not exhaustive");
      return;
    }
    executions = r.executions;
  }
  state.counters["executions"] = static_cast<double>(executions);
  state.counters["executions/s"] = benchmark::Counter(
      static_cast<double>(executions) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--config") == 0) return run_config(argc, argv);
  benchmark::RegisterBenchmark("family/dpor/fixed", bm_family, "dpor")->DenseRange(1, 5)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("family/dfs/fixed", bm_family, "dfs")->Arg(1)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return usage();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
