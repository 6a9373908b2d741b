// checker.cpp: exploration with the properties as the failure test, and replay.
#include <chancheck/properties/checker.hpp>

#include <chancheck/harness/schedule/schedule_token.hpp>
#include <chancheck/properties/replay_divergence.hpp>
#include <chancheck/properties/termination.hpp>

namespace chancheck::detail {

namespace {
void finish(scenario_outcome& out, const scenario_info& s) {
  if (!out.result.found) return;
  out.violations = find_violations(out.result.failing);
  schedule_token t;
  t.scenario_hash = schedule_token::hash_name(s.name);
  t.time = out.options.exec.time;
  t.max_steps = out.options.exec.max_steps;
  t.max_tasks = out.options.exec.max_tasks;
  t.tick_budget = out.options.exec.tick_budget;
  t.decisions = out.result.failing.decisions;
  out.token = t.encode();
}
}  // namespace

namespace {
/// What makes two violations the same: kind, task name and line.
std::string signature(const execution_record& r) {
  auto vs = find_violations(r);
  if (vs.empty()) return {};
  const auto& v = vs.front();
  std::string task = v.task >= 0 && v.task < static_cast<std::int32_t>(r.tasks.size()) ? r.tasks[v.task].name : "";
  // Leak and deadlock are one kind here: telling a lock cycle from a leak needs
  // the trace, which the search runs without.
  bool blocked = v.kind == violation_kind::leak || v.kind == violation_kind::deadlock;
  return std::string(blocked ? "blocked" : to_string(v.kind)) + "|" + task + "|" + (v.loc.file ? v.loc.file : "") +
         ":" + std::to_string(v.loc.line);
}

/// Looks for a counterexample with fewer preemptions, then fewer steps.
void minimize(const scenario_info& s, scenario_outcome& out) {
  const std::string sig = signature(out.result.failing);
  explore_options o = out.options;
  o.strategy = "bounded";
  o.max_executions = 20000;
  o.shard_index = o.shard_count = 0;  // the shrinking searches the whole tree, whichever shard found the violation
  // The shrinking is a search of its own: it neither resumes nor saves checkpoints.
  o.resume = nullptr;
  o.on_checkpoint = nullptr;
  if (o.budget.count() == 0 || o.budget > std::chrono::seconds(5)) o.budget = std::chrono::seconds(5);
  for (int round = 0; round < 8; ++round) {
    const std::uint32_t best_p = out.result.failing.preemptions, best_steps = out.result.failing.steps;
    o.max_preemptions = best_p;
    auto r = explore(s.body, o, [&](const execution_record& rec) {
      if (rec.preemptions > best_p || (rec.preemptions == best_p && rec.steps >= best_steps)) return false;
      return violates(rec) && signature(rec) == sig;
    });
    out.minimize_executions += r.executions;
    if (!r.found) break;
    out.result.failing = std::move(r.failing);
    out.minimized = true;
  }
}
}  // namespace

scenario_outcome check_scenario(const scenario_info& s, const explore_options& options) {
  scenario_outcome out;
  out.scenario = s.name;
  out.options = options;
  out.result = explore(s.body, options, [](const execution_record& r) { return violates(r); });
  // A step-limit run cannot get shorter: it is as long as the bound.
  if (out.result.found && options.minimize && out.result.failing.stop != stop_reason::step_limit) minimize(s, out);
  finish(out, s);
  return out;
}

namespace {
/// The token's own run on the scenario it was made for, for naming where another scenario parts from it.
std::string divergence_from(const scenario_info& made_for, const explore_options& o, const scenario_outcome& misfit) {
  explore_options own = o;
  own.exec.journal = nullptr;  // the journal follows the scenario being replayed, not this one
  explore_result r = explore(made_for.body, own, [](const execution_record&) { return true; });
  if (!r.error.empty()) return "";
  return first_divergence(r.failing, made_for.name, misfit.result.failing, misfit.scenario) + "\n  ";
}
}  // namespace

scenario_outcome replay_scenario(const scenario_info& s, const std::string& token, std::string& error,
                                 const execution_options& exec, const scenario_info* made_for) {
  scenario_outcome out;
  out.scenario = s.name;
  schedule_token t;
  if (!schedule_token::decode(token, t, error)) return out;
  const std::string& owner = made_for ? made_for->name : s.name;
  if (t.scenario_hash != schedule_token::hash_name(owner)) {
    error = "this token was made for another scenario, not " + owner +
            "; pass the scenario named in the report next to the token (to replay it on " + s.name +
            ": chancheck replay THAT_SCENARIO TOKEN --on " + s.name + ")";
    return out;
  }
  out.options.strategy = "replay";
  out.options.exec = exec;
  out.options.exec.time = t.time;
  out.options.exec.max_steps = t.max_steps;
  out.options.exec.max_tasks = t.max_tasks;
  out.options.exec.tick_budget = t.tick_budget;
  out.options.replay = t.decisions;
  out.options.max_executions = 1;
  out.result = explore(s.body, out.options, [](const execution_record&) { return true; });
  if (!out.result.error.empty()) {
    error = "the token does not fit scenario " + s.name + ": " +
            (made_for && made_for != &s ? divergence_from(*made_for, out.options, out) : "") + out.result.error +
            "\n  its last step before that: " + last_event(out.result.failing);
    return out;
  }
  out.result.found = violates(out.result.failing);
  if (out.result.found) finish(out, s);
  return out;
}

}  // namespace chancheck::detail
