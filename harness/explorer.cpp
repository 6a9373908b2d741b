// explorer.cpp: the loop over executions.
#include "harness/explorer.hpp"

#include <memory>

#include "harness/strategy.hpp"

namespace chancheck {

const char* to_string(strategy_id s) noexcept {
  switch (s) {
    case strategy_id::dfs: return "dfs";
    case strategy_id::random: return "random";
    case strategy_id::replay: return "replay";
    case strategy_id::dpor: return "dpor";
  }
  return "?";
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
    case strategy_id::dpor: s = make_dpor_strategy(); break;
  }
  explore_result result;
  execution engine;
  execution_record record;
  for (;;) {
    if (options.max_executions && result.executions >= options.max_executions) {
      result.bound = bound_hit::executions;
      break;
    }
    if (options.budget.count() > 0 && (result.executions & 15) == 0 && clock::now() - start >= options.budget) {
      result.bound = bound_hit::budget;
      break;
    }
    if (!s->begin_execution()) {
      result.exhaustive = s->exhausted() && (options.strategy == strategy_id::dfs || options.strategy == strategy_id::dpor);
      break;
    }
    engine.run(body, *s, options.exec, record);
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
    if (fails(record)) {
      result.found = true;
      result.failing = record;
      break;
    }
  }
  result.seconds = std::chrono::duration<double>(clock::now() - start).count();
  return result;
}

}  // namespace chancheck
