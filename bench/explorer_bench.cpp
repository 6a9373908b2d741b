// explorer_bench.cpp: speed of the explorer (chancheck_bench).
//
//   explore/seed/forgotten_sender, explore/seed/buffered_fix
//       executions and scheduling steps per second of the seed scenarios under
//       the random strategy (every execution runs to its end: nothing stops the
//       search at the leak).
//   explore/seed/buffered_fix/journal   the same, writing the crash journal at every
//       scheduling point as an isolated run's child does: what isolation costs per step.
//   explore/seed/buffered_fix/checkpoints   the same, with a checkpoint due every
//       millisecond (explore_options::checkpoint_every; the state saved, not written
//       to a file): what the checkpoint clock and the saves cost the explorer.
//   explore/yield_pingpong      two tasks that only yield, under the random
//       strategy: the cost of a scheduling step with nothing else in it.
//   engine/yield_alternate      the same two tasks on the execution engine with
//       a strategy that always switches: the cost of one fiber switch through
//       the engine.
//   boost_context/pingpong      two Boost.Context fibers resuming each other:
//       the floor under any fiber switch.
//   relacy/seed/buffered_fix    the same fixed scenario under Relacy's random
//       scheduler (bench/relacy_peer.cpp).
//
// After the table, a summary compares chancheck's executions per second on the
// fixed scenario with Relacy's iterations per second.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/context/fiber.hpp>
#include <chancheck/chancheck.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <chancheck/harness/engine/execution.hpp>
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/harness/record/crash_journal.hpp>
#include <chancheck/harness/strategies/strategy.hpp>
#include "bench/relacy_peer.hpp"
#include "bench/summary_reporter.hpp"
#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace {

using namespace chancheck;
using benchmark::Counter;

constexpr std::uint64_t random_seed = 1;
constexpr int yields_per_task = 1000;

void forgotten_sender() { seed::process("gophers", 0, std::chrono::milliseconds(200)); }
void buffered_fix() { seed::process("gophers", 1, std::chrono::milliseconds(200)); }

void yield_pingpong() {
  go("yielder", [] {
    for (int i = 0; i < yields_per_task; ++i) yield();
  });
  for (int i = 0; i < yields_per_task; ++i) yield();
}

// Switches in an execution: scheduling steps that ran another task than the
// step before (read off the op events, in order).
std::uint64_t switches_in(const execution_record& r) {
  std::uint64_t n = 0;
  std::int32_t last = -1;
  for (const auto& e : r.events) {
    if (e.kind != event_kind::op) continue;
    if (last >= 0 && e.task != last) ++n;
    last = e.task;
  }
  return n;
}

// Explores `body` with the random strategy, max_executions = the batch the
// benchmark asks for, and reports executions/s and steps/s.
void explore_random(benchmark::State& state, void (*body)(), bool count_switches, crash_journal* journal = nullptr,
                    std::chrono::milliseconds checkpoint_every = {}) {
  const std::function<void()> fn = body;
  std::uint64_t executions = 0, steps = 0, switches = 0, saves = 0;
  const auto batch = static_cast<std::uint64_t>(state.max_iterations);
  while (state.KeepRunningBatch(state.max_iterations)) {
    explore_options o;
    o.strategy = "random";
    o.seed = random_seed;
    o.max_executions = batch;
    o.exec.max_steps = 1u << 20;
    o.exec.journal = journal;
    o.checkpoint_every = checkpoint_every;
    if (checkpoint_every.count() > 0) o.on_checkpoint = [&](const search_checkpoint&) { ++saves; };
    auto result = explore(fn, o, [&](const execution_record& r) {
      steps += r.steps;
      if (count_switches) switches += switches_in(r);
      return false;
    });
    if (!result.error.empty() || result.executions != batch) {
      state.SkipWithError(("the exploration stopped early: " + result.error).c_str());
      return;
    }
    executions += result.executions;
  }
  state.counters["executions/s"] = Counter(static_cast<double>(executions), Counter::kIsRate);
  state.counters["steps/s"] = Counter(static_cast<double>(steps), Counter::kIsRate);
  state.counters["steps/exec"] = Counter(static_cast<double>(steps) / static_cast<double>(executions ? executions : 1));
  if (count_switches) state.counters["switches/s"] = Counter(static_cast<double>(switches), Counter::kIsRate);
  if (checkpoint_every.count() > 0) state.counters["saves/s"] = Counter(static_cast<double>(saves), Counter::kIsRate);
}

void bm_forgotten_sender(benchmark::State& state) { explore_random(state, forgotten_sender, false); }
void bm_buffered_fix(benchmark::State& state) { explore_random(state, buffered_fix, false); }
void bm_yield_pingpong(benchmark::State& state) { explore_random(state, yield_pingpong, true); }
// The same search writing the crash journal at every scheduling point, as it does in
// the child process of an isolated run: the cost of isolation per execution.
void bm_buffered_fix_journal(benchmark::State& state) {
  static crash_journal journal;  // 256 KB of decisions: not on the stack
  explore_random(state, buffered_fix, false, &journal);
}
// The same search with a checkpoint due every millisecond: the clock read between
// executions and the saves.
void bm_buffered_fix_checkpoints(benchmark::State& state) {
  explore_random(state, buffered_fix, false, nullptr, std::chrono::milliseconds(1));
}

// A strategy that always runs another task than the one at the point: with two
// runnable tasks every step is a fiber switch.
class always_switch final : public strategy {
 public:
  bool begin_execution() override { return true; }
  std::uint32_t pick(decision_kind kind, std::uint32_t) override { return kind == decision_kind::task ? 1 : 0; }
};

// `traced`: the engine records the trace of events, as it does when it replays a
// failing execution; a search runs without it (explore() asks the strategy).
void engine_yield_alternate(benchmark::State& state, bool traced) {
  const std::function<void()> fn = yield_pingpong;
  execution engine;
  execution_record record;
  always_switch s;
  execution_options o;
  o.max_steps = 1u << 20;
  o.trace = traced;
  std::uint64_t steps = 0, switches = 0;
  for (auto _ : state) {
    engine.run(fn, s, o, record);
    steps += record.steps;
    switches += switches_in(record);
  }
  if (record.stop != stop_reason::quiescent) state.SkipWithError("the yield scenario did not run to its end");
  state.counters["steps/s"] = Counter(static_cast<double>(steps), Counter::kIsRate);
  state.counters["switches/s"] = Counter(static_cast<double>(switches), Counter::kIsRate);
}

void bm_engine_yield_alternate(benchmark::State& state) { engine_yield_alternate(state, false); }
void bm_engine_yield_alternate_traced(benchmark::State& state) { engine_yield_alternate(state, true); }

// Two fibers resuming each other: two switches per iteration.
void bm_boost_context_pingpong(benchmark::State& state) {
  namespace ctx = boost::context;
  bool done = false;
  ctx::fiber other([&done](ctx::fiber&& back) {
    while (!done) back = std::move(back).resume();
    return std::move(back);
  });
  for (auto _ : state) other = std::move(other).resume();
  done = true;
  other = std::move(other).resume();
  state.counters["switches/s"] = Counter(2.0 * static_cast<double>(state.iterations()), Counter::kIsRate);
}

void bm_relacy_fixed(benchmark::State& state) {
  std::uint64_t iterations = 0;
  while (state.KeepRunningBatch(state.max_iterations)) {
    if (!bench::relacy_fixed_run(static_cast<std::uint64_t>(state.max_iterations))) {
      state.SkipWithError("Relacy reported a failure in the fixed scenario: the peer model is wrong");
      return;
    }
    iterations += static_cast<std::uint64_t>(state.max_iterations);
  }
  state.counters["iterations/s"] = Counter(static_cast<double>(iterations), Counter::kIsRate);
}

using bench::summary_reporter;

void print_summary(const summary_reporter& r) {
  double fix = r.get("explore/seed/buffered_fix", "executions/s");
  double leak = r.get("explore/seed/forgotten_sender", "executions/s");
  double relacy = r.get("relacy/seed/buffered_fix", "iterations/s");
  double step = r.get("explore/yield_pingpong", "steps/s");
  // Untraced, the record holds no events to count switches by; with two tasks and a
  // strategy that always picks the other, every step but the first is one (the
  // traced run counts them).
  double sw = r.get("engine/yield_alternate", "steps/s");
  double traced = r.get("engine/yield_alternate/traced", "switches/s");
  double raw = r.get("boost_context/pingpong", "switches/s");
  std::printf("\nSummary (rates per CPU second)\n");
  if (leak > 0) std::printf("  chancheck seed/forgotten_sender  %12.0f executions/s\n", leak);
  if (fix > 0) std::printf("  chancheck seed/buffered_fix      %12.0f executions/s\n", fix);
  if (relacy > 0) std::printf("  Relacy    seed/buffered_fix      %12.0f iterations/s\n", relacy);
  if (fix > 0 && relacy > 0) std::printf("  ratio chancheck / Relacy (fixed) %12.2f\n", fix / relacy);
  if (step > 0) std::printf("  explorer step (yield, random)    %12.1f ns\n", 1e9 / step);
  if (sw > 0) std::printf("  engine fiber switch              %12.1f ns\n", 1e9 / sw);
  if (traced > 0) std::printf("  engine fiber switch, traced      %12.1f ns\n", 1e9 / traced);
  if (raw > 0) std::printf("  raw Boost.Context switch         %12.1f ns\n", 1e9 / raw);
  if (r.get("relacy/seed/buffered_fix", "iterations/s") > 0) {
    // The peer must find the leak in the unbuffered variant, or it is not the same scenario.
    std::uint64_t at = bench::relacy_leak_found_at(100000);
    if (at)
      std::printf("  Relacy finds the unbuffered variant's blocked sender at iteration %llu\n",
                  static_cast<unsigned long long>(at));
    else
      std::printf("  WARNING: Relacy did not find the unbuffered variant's blocked sender: the peer is wrong\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::RegisterBenchmark("explore/seed/forgotten_sender", bm_forgotten_sender);
  benchmark::RegisterBenchmark("explore/seed/buffered_fix", bm_buffered_fix);
  benchmark::RegisterBenchmark("explore/seed/buffered_fix/journal", bm_buffered_fix_journal);
  benchmark::RegisterBenchmark("explore/seed/buffered_fix/checkpoints", bm_buffered_fix_checkpoints);
  benchmark::RegisterBenchmark("explore/yield_pingpong", bm_yield_pingpong);
  benchmark::RegisterBenchmark("engine/yield_alternate", bm_engine_yield_alternate);
  benchmark::RegisterBenchmark("engine/yield_alternate/traced", bm_engine_yield_alternate_traced);
  benchmark::RegisterBenchmark("boost_context/pingpong", bm_boost_context_pingpong);
  benchmark::RegisterBenchmark("relacy/seed/buffered_fix", bm_relacy_fixed);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  summary_reporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Color
                                                  : benchmark::ConsoleReporter::OO_None);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_summary(reporter);
  benchmark::Shutdown();
  return 0;
}
