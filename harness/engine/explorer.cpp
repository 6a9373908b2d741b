// explorer.cpp: the loop over executions.
#include <chancheck/harness/engine/explorer.hpp>

#include <memory>

#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

const char* to_string(strategy_id s) noexcept {
  switch (s) {
    case strategy_id::dfs: return "dfs";
    case strategy_id::random: return "random";
    case strategy_id::replay: return "replay";
    case strategy_id::dpor: return "dpor";
    case strategy_id::pct: return "pct";
    case strategy_id::bounded: return "bounded";
  }
  return "?";
}

/// Re-runs a failing execution from its decisions with the trace on. The replay
/// must fail too: if it does not, the scenario is not deterministic.
static bool replay_traced(execution& engine, const std::function<void()>& body, const execution_options& exec,
                          const execution_record& found, const std::function<bool(const execution_record&)>& fails,
                          explore_result& result) {
  auto replay = make_replay_strategy(found.decisions);
  execution_options traced = exec;
  traced.trace = true;
  replay->begin_execution();
  engine.run(body, *replay, traced, result.failing);
  replay->end_execution();
  if (!replay->error().empty() || !fails(result.failing) || result.failing.stop != found.stop) {
    result.found = false;
    result.error = "the scenario is not deterministic: replaying its failing execution did not fail the same way; "
                   "it must not depend on real time, real randomness or state kept between runs";
    return false;
  }
  return true;
}

explore_result explore(const std::function<void()>& body, const explore_options& options,
                       const std::function<bool(const execution_record&)>& fails) {
  using clock = std::chrono::steady_clock;
  auto start = clock::now();
  std::unique_ptr<strategy> s;
  switch (options.strategy) {
    case strategy_id::dfs: s = make_dfs_strategy(); break;
    case strategy_id::random: s = make_random_strategy(options.seed); break;
    case strategy_id::replay: s = make_replay_strategy(options.replay); break;
    case strategy_id::dpor: s = make_dpor_strategy(options.dpor_split); break;
    case strategy_id::pct: s = make_pct_strategy(options.seed, options.pct_depth); break;
    case strategy_id::bounded: s = make_bounded_strategy(options.max_preemptions); break;
  }
  explore_result result;
  execution engine;
  execution_record record;
  execution_options search = options.exec;
  search.trace = options.strategy == strategy_id::replay;
  for (;;) {
    if (options.max_executions && result.executions >= options.max_executions) {
      result.bound = bound_hit::executions;
      break;
    }
    // The clock is read before every run, pruned ones included (a vDSO call: tens of
    // nanoseconds, against microseconds for the shortest execution).
    if (options.budget.count() > 0 && clock::now() - start >= options.budget) {
      result.bound = bound_hit::budget;
      break;
    }
    if (!s->begin_execution()) {
      result.exhaustive = s->exhausted() && options.strategy != strategy_id::random &&
                          options.strategy != strategy_id::pct && options.strategy != strategy_id::replay;
      break;
    }
    engine.run(body, *s, search, record);
    s->end_execution();
    if (record.stop == stop_reason::pruned) {
      ++result.pruned;
      continue;
    }
    ++result.executions;
    if (record.stop == stop_reason::aborted || !s->error().empty()) {
      result.error = record.abort_message.empty() ? s->error() : record.abort_message;
      result.failing = record;
      break;
    }
    if (result.executions == 1 && record.decisions.empty() && record.stop == stop_reason::quiescent &&
        !fails(record)) {
      result.exhaustive = true;  // nothing was left to choose: this was the only execution
      break;
    }
    if (fails(record)) {
      result.found = true;
      if (search.trace) {
        result.failing = record;
      } else if (!replay_traced(engine, body, options.exec, record, fails, result)) {
        break;
      }
      break;
    }
  }
  result.coverage = s->summary();
  result.seconds = std::chrono::duration<double>(clock::now() - start).count();
  return result;
}

}  // namespace chancheck::detail
