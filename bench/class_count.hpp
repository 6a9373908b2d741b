// class_count.hpp: counts the equivalence classes an exploration visits.
//
// Two executions are equivalent (one Mazurkiewicz trace) when they order every
// pair of dependent steps the same way. The dependency is the one dpor uses:
// steps of one process (a task, or a timer's firing) depend on each other, and
// so do steps that touch a common object. So a class is fixed by the order of
// the steps on each object. class_key() writes that down with names that do not
// depend on the interleaving: a task is named by its path of spawns ("m" for
// main, "m.0" for main's first child ...), a step by its process and its index
// in that process, a firing by the objects it touches, an object by the first
// task step that touched it. count_classes() runs an exhaustive strategy with
// the step log on and counts distinct keys, and distinct outcomes (what each
// call returned and the task end states), next to executions.
//
// The set of armed timers, which arming reads and a ticker's re-arming writes,
// is left out of the key: it orders nothing in scenarios without tickers.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include <chancheck/harness/engine/execution.hpp>
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/strategy.hpp>
#include <chancheck/harness/strategies/strategy_registry.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::bench {

/// The names of the record's tasks by their path of spawns: "m", "m.0", "m.0.1".
inline std::vector<std::string> task_paths(const execution_record& r) {
  std::vector<std::string> name(r.tasks.size());
  std::vector<unsigned> children(r.tasks.size(), 0);
  for (std::size_t t = 0; t < r.tasks.size(); ++t) {  // a parent's id is below its children's
    auto p = r.tasks[t].parent;
    if (p < 0 || static_cast<std::size_t>(p) >= t) {
      name[t] = "m";
      continue;
    }
    name[t] = name[p] + "." + std::to_string(children[p]++);
  }
  return name;
}

/// The end state of each task, by path: what an execution's outcome is beyond
/// what the body returned.
inline std::string end_states(const execution_record& r) {
  auto name = task_paths(r);
  std::vector<std::string> states;
  for (std::size_t t = 0; t < r.tasks.size(); ++t)
    states.push_back(name[t] + (r.tasks[t].state == task_state::finished ? "=done" : "=blocked"));
  std::sort(states.begin(), states.end());  // ids follow the order of spawns, which varies
  std::string out;
  for (auto& s : states) out += s + " ";
  return out;
}

/// The equivalence class of an execution whose step log was recorded, as a
/// string: equal strings, equivalent executions. `choices` is what the data
/// choices of the execution (which ready case each select took) led to, as the
/// body reports it: two executions that differ only there touch the same
/// objects in the same order, yet are different executions.
inline std::string class_key(const execution_record& r, const std::string& choices) {
  auto name = task_paths(r);
  const auto& log = r.step_log;
  // An object's second side (trace.hpp, second_side) is an object of its own, after the ids.
  auto touched = [&](const trace_step& st, std::uint32_t a) -> std::uint32_t {
    const std::uint32_t x = access_object(r.access[st.access_begin + a]), owner = side_owner(x);
    if (owner != x && owner <= r.objects.size()) return static_cast<std::uint32_t>(r.objects.size() + 1 + owner);
    return x;
  };
  // Steps named by process and index; an object by the first task step that
  // touched it (a timer may fire before its owner touches its channel), else
  // the first firing that did.
  std::vector<std::string> step(log.size());
  std::vector<std::uint32_t> local(r.tasks.size() + 1, 0);
  std::vector<std::string> object(2 * (r.objects.size() + 1)), by_timer(2 * (r.objects.size() + 1));
  for (std::size_t j = 0; j < log.size(); ++j) {
    std::size_t p = log[j].proc >= 0 ? static_cast<std::size_t>(log[j].proc) : r.tasks.size();
    step[j] = (log[j].proc >= 0 ? name[p] : std::string("timer")) + "#" + std::to_string(local[p]++);
    for (std::uint32_t a = 0; a < log[j].access_count; ++a) {
      std::uint32_t obj = touched(log[j], a);
      if (obj >= object.size()) continue;
      auto& first = log[j].proc >= 0 ? object[obj] : by_timer[obj];
      if (first.empty()) first = step[j];
    }
  }
  for (std::size_t obj = 0; obj < object.size(); ++obj)
    if (object[obj].empty()) object[obj] = by_timer[obj];
  std::vector<std::string> fired;  // a firing: fire(the objects it touched), numbered if repeated
  for (std::size_t j = 0; j < log.size(); ++j) {
    if (log[j].proc >= 0) continue;
    std::vector<std::string> objs;
    for (std::uint32_t a = 0; a < log[j].access_count; ++a)
      if (touched(log[j], a) < object.size()) objs.push_back(object[touched(log[j], a)]);
    std::sort(objs.begin(), objs.end());
    std::string f = "fire(";
    for (auto& o : objs) f += o + ";";
    f += ")";
    auto again = std::count(fired.begin(), fired.end(), f);
    fired.push_back(f);
    step[j] = f + "#" + std::to_string(again);
  }
  std::vector<std::vector<std::string>> on(2 * (r.objects.size() + 1));
  for (std::size_t j = 0; j < log.size(); ++j)
    for (std::uint32_t a = 0; a < log[j].access_count; ++a)
      if (touched(log[j], a) < on.size()) on[touched(log[j], a)].push_back(step[j]);
  std::vector<std::string> per_object;
  for (std::size_t obj = 0; obj < on.size(); ++obj) {
    if (on[obj].empty()) continue;
    std::string s = object[obj] + ":";
    for (auto& x : on[obj]) s += x + ",";
    per_object.push_back(std::move(s));
  }
  std::sort(per_object.begin(), per_object.end());
  std::string key = choices + "|";
  for (auto& s : per_object) key += s + "|";
  return key;
}

/// What count_classes() saw.
struct class_count {
  std::uint64_t executions = 0;  ///< complete executions
  std::uint64_t pruned = 0;      ///< executions cut short as redundant (dpor)
  std::uint64_t classes = 0;     ///< distinct class_key() among the complete executions
  std::uint64_t outcomes = 0;    ///< distinct (body outcome, task end states)
  bool exhaustive = false;       ///< the strategy ran out of executions within the budget
  double seconds = 0;
};

namespace detail {
/// Runs another strategy and asks the engine for the step log.
class with_step_log final : public strategy {
 public:
  explicit with_step_log(std::unique_ptr<strategy> inner) : inner_(std::move(inner)) {}
  bool begin_execution() override { return inner_->begin_execution(); }
  std::uint32_t pick(decision_kind kind, std::uint32_t n) override { return inner_->pick(kind, n); }
  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) override {
    return inner_->pick_task(options, running);
  }
  bool wants_steps() const override { return true; }
  bool checks_lone_options() const override { return inner_->checks_lone_options(); }
  bool lone_option_redundant(std::int32_t proc) override { return inner_->lone_option_redundant(proc); }
  void attach(const execution_record* live, const live_execution* engine) override { inner_->attach(live, engine); }
  void end_execution() override { inner_->end_execution(); }
  bool exhausted() const override { return inner_->exhausted(); }
  std::string error() const override { return inner_->error(); }
  coverage_kind coverage() const override { return inner_->coverage(); }

 private:
  std::unique_ptr<strategy> inner_;
};
}  // namespace detail

/// Explores `body` with dfs or dpor (every combination of independent groups; no
/// execution bound, the given wall-clock budget, 0: none) with the step log on,
/// and calls on_complete(record) after each complete execution. Fills the counts
/// of `c` but the classes and outcomes.
inline void explore_whole(const std::function<void()>& body, const std::string& s, std::chrono::milliseconds budget,
                          time_mode time, class_count& c,
                          const std::function<void(const execution_record&)>& on_complete) {
  using clock = std::chrono::steady_clock;
  auto start = clock::now();
  explore_options so;
  so.strategy = s;
  so.dpor_split = false;
  std::string unregistered;
  detail::with_step_log st(make_strategy(so, unregistered));
  execution engine;
  execution_record record;
  execution_options o;
  o.time = time;
  o.trace = false;
  for (;;) {
    if (budget.count() > 0 && clock::now() - start >= budget) break;
    if (!st.begin_execution()) {
      c.exhaustive = st.exhausted();
      break;
    }
    engine.run(body, st, o, record);
    st.end_execution();
    if (record.stop == stop_reason::pruned) {
      ++c.pruned;
      continue;
    }
    ++c.executions;
    if (record.stop == stop_reason::aborted || !st.error().empty()) break;  // not exhaustive
    on_complete(record);
  }
  c.seconds = std::chrono::duration<double>(clock::now() - start).count();
}

/// Explores `body` with dfs or dpor (every combination of independent groups:
/// the classes are those of the whole program; no execution bound, the given wall-clock
/// budget) and counts the classes and outcomes of its complete executions.
/// `outcome` says what the body returned in the execution just run. Keys are
/// kept as 64-bit hashes.
inline class_count count_classes(const std::function<void()>& body, const std::string& s,
                                 std::chrono::milliseconds budget, const std::function<std::string()>& outcome,
                                 time_mode time = time_mode::any) {
  std::unordered_set<std::uint64_t> classes, outcomes;
  std::hash<std::string> hash;
  class_count c;
  explore_whole(body, s, budget, time, c, [&](const execution_record& record) {
    std::string out = outcome();
    classes.insert(hash(class_key(record, out)));
    outcomes.insert(hash(out + " " + end_states(record)));
  });
  c.classes = classes.size();
  c.outcomes = outcomes.size();
  return c;
}

/// The class keys of the complete executions of `body`'s whole search with dfs or
/// dpor (no data choices named: class_key(record, "")), and its counts in `c`.
inline std::set<std::string> class_keys(const std::function<void()>& body, const std::string& s, class_count& c) {
  std::set<std::string> keys;
  explore_whole(body, s, std::chrono::milliseconds(0), time_mode::any, c,
                [&](const execution_record& record) { keys.insert(class_key(record, "")); });
  c.classes = keys.size();
  return keys;
}

}  // namespace chancheck::bench
