// explorer.cpp: the loop over executions, and the checkpoints it saves between them
// (explore_options::on_checkpoint) and resumes from (explore_options::resume).
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/harness/record/crash_journal.hpp>

#include <memory>

#include <chancheck/harness/strategies/shard_slice.hpp>
#include <chancheck/harness/strategies/strategy_registry.hpp>

namespace chancheck::detail {

/// Re-runs a failing execution from its decisions with the trace on. The replay
/// must fail too: if it does not, the scenario is not deterministic.
static bool replay_traced(execution& engine, const std::function<void()>& body, const execution_options& exec,
                          const execution_record& found, const std::function<bool(const execution_record&)>& fails,
                          explore_result& result) {
  explore_options replay_options;
  replay_options.strategy = "replay";
  replay_options.replay = found.decisions;
  std::string unregistered;
  auto replay = make_strategy(replay_options, unregistered);
  execution_options traced = exec;
  traced.trace = true;
  replay->begin_execution();
  engine.run(body, *replay, traced, result.failing);
  replay->end_execution();
  if (!replay->error().empty() || !fails(result.failing) || result.failing.stop != found.stop) {
    result.found = false;
    result.error =
        "the scenario is not deterministic: replaying its failing execution did not fail the same way; "
        "it must not depend on real time, real randomness or state kept between runs";
    return false;
  }
  return true;
}

/// A shard's part of the execution bound: a sampling strategy's shard runs the
/// executions k <= max_executions it owns; an exhaustive one's, the bound itself.
static std::uint64_t shard_bound(const explore_options& options) {
  const strategy_entry* e = find_strategy(options.strategy);
  if (!options.sharded() || !e || e->shards != shard_split::executions) return options.max_executions;
  return shard_slice::of(options).share(options.max_executions);
}

/// True, with result.bound set, when an execution bound or the budget stops the search before its next execution.
static bool bound_reached(const explore_options& options, std::chrono::steady_clock::time_point start,
                          explore_result& result) {
  if (options.max_executions && result.executions >= shard_bound(options)) {
    result.bound = bound_hit::executions;
    return true;
  }
  // The clock is read before every run, pruned ones included (a vDSO call: tens of
  // nanoseconds, against microseconds for the shortest execution).
  if (options.budget.count() > 0 && std::chrono::steady_clock::now() - start >= options.budget) {
    result.bound = bound_hit::budget;
    return true;
  }
  return false;
}

/// Saves the search state and hands it to options.on_checkpoint.
static void checkpoint(const explore_options& options, const strategy& s, const explore_result& result,
                       std::chrono::steady_clock::time_point start) {
  search_state_writer out;
  s.save(out);
  search_checkpoint c{options.strategy,
                      result.executions,
                      result.pruned,
                      result.samples,
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                      out.take(),
                      result.ticks_held};
  options.on_checkpoint(c);
}

/// Whether the search saves checkpoints, and when the next one is due between
/// executions: checkpoint_every after the last one, or at once when asked for.
class checkpoint_clock {
 public:
  checkpoint_clock(const explore_options& options, const strategy& s)
      : saves_(options.on_checkpoint && s.resumable()),
        every_(saves_ ? options.checkpoint_every : std::chrono::milliseconds(0)),
        asked_(saves_ ? options.checkpoint_asked : nullptr),
        next_(std::chrono::steady_clock::now() + every_) {}

  /// True when on_checkpoint is set and the strategy can save its state.
  bool saves() const { return saves_; }
  /// True (and the next one planned) when a checkpoint is due now.
  bool due() {
    if (asked_ && asked_()) return true;
    if (every_.count() <= 0) return false;
    const auto now = std::chrono::steady_clock::now();
    if (now < next_) return false;
    next_ = now + every_;
    return true;
  }

 private:
  bool saves_;
  std::chrono::milliseconds every_;
  std::function<bool()> asked_;
  std::chrono::steady_clock::time_point next_;
};

/// Goes on from options.resume: the strategy takes its state, the result its counts,
/// and `start` moves back by its time. False, with result.error, when it does not fit.
static bool resume(const explore_options& options, strategy& s, explore_result& result,
                   std::chrono::steady_clock::time_point& start) {
  const search_checkpoint& c = *options.resume;
  search_state_reader in(c.state);
  const std::string refused = "the checkpoint does not fit this search; ";
  if (!s.resumable())
    result.error = refused + "strategy " + options.strategy + " cannot resume a search";
  else if (c.strategy != options.strategy)
    result.error = refused + "it was made by strategy " + c.strategy + ", this search is " + options.strategy +
                   ": resume with the options it was made with, or start afresh";
  else if (!s.restore(in))
    result.error =
        refused + "its " + c.strategy + " state is misshapen (damaged, or made by another build): start afresh";
  if (!result.error.empty()) return false;
  result.executions = c.executions;
  result.pruned = c.pruned;
  result.samples = c.samples;
  result.ticks_held = c.ticks_held;
  start -= std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(c.seconds));
  return true;
}

/// The strategy for `options`, or nullptr with result.error set.
static std::unique_ptr<strategy> make_search(const explore_options& options, explore_result& result,
                                             std::chrono::steady_clock::time_point& start) {
  std::unique_ptr<strategy> s = make_strategy(options, result.error);
  if (!s) return s;
  if (options.shard_count > 1 && find_strategy(options.strategy)->shards == shard_split::none) {
    result.error = "strategy " + options.strategy +
                   " cannot be split into shards exactly (each execution depends on the ones before); shard dpor, "
                   "dfs or random, or run it with another --seed on each machine";
    return nullptr;
  }
  if (options.resume && !resume(options, *s, result, start)) return nullptr;
  return s;
}

explore_result explore(const std::function<void()>& body, const explore_options& options,
                       const std::function<bool(const execution_record&)>& fails) {
  using clock = std::chrono::steady_clock;
  auto start = clock::now();
  explore_result result;
  std::unique_ptr<strategy> s = make_search(options, result, start);
  if (!s) return result;
  execution engine;
  execution_record record;
  execution_options search = options.exec;
  search.trace = s->wants_trace();
  checkpoint_clock checkpoints(options, *s);
  while (true) {
    if (bound_reached(options, start, result)) {
      if (checkpoints.saves()) checkpoint(options, *s, result, start);
      break;
    }
    if (checkpoints.due()) checkpoint(options, *s, result, start);
    if (!s->begin_execution()) {
      result.exhaustive = s->exhausted();
      break;
    }
    if (search.journal) search.journal->counts(result.executions, result.samples, s->sampled());
    engine.run(body, *s, search, record);
    s->end_execution();
    result.ticks_held = result.ticks_held || record.ticks_held;
    if (record.stop == stop_reason::pruned) {
      ++result.pruned;  // redundant: its class was explored already
      continue;
    }
    if (!s->counted() && s->error().empty()) continue;  // another shard's
    const bool sample = s->sampled();
    ++(sample ? result.samples : result.executions);
    if (record.stop == stop_reason::aborted || !s->error().empty()) {
      result.error = record.abort_message.empty() ? s->error() : record.abort_message;
      result.failing = record;
      break;
    }
    if (!sample && result.executions == 1 && record.decisions.empty() && record.stop == stop_reason::quiescent &&
        !fails(record)) {
      result.exhaustive = true;  // nothing was left to choose: this was the only execution
      break;
    }
    if (fails(record)) {
      result.found = true;
      result.found_in_sample = sample;
      if (search.trace) {
        result.failing = record;
      } else if (!replay_traced(engine, body, options.exec, record, fails, result)) {
        break;
      }
      break;
    }
  }
  result.coverage = s->summary();
  result.covers = s->coverage();
  result.explored = s->explored_estimate();
  result.seconds = std::chrono::duration<double>(clock::now() - start).count();
  return result;
}

}  // namespace chancheck::detail
