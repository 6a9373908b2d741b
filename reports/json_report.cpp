// json_report.cpp: the JSON result, written with nlohmann::json. Each violation
// carries its structured records (tasks, object, holders, cycle, other side,
// fixes) next to the fields of the first version of the format; a failing
// scenario carries the interleaving (reports/trace_json) and every scenario the
// verdict it declares.
#include <chancheck/reports/json_report.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include <chancheck/properties/naming.hpp>
#include <chancheck/reports/trace_json.hpp>

#ifndef CHANCHECK_VERSION
#error "CHANCHECK_VERSION is set by the build (the project's version)"
#endif

namespace chancheck::detail {

namespace {
nlohmann::json loc_json(const trace_loc& l) { return {{"file", l.file ? l.file : ""}, {"line", l.line}}; }

const char* hold_name(hold_kind k) {
  switch (k) {
    case hold_kind::locked: return "locked";
    case hold_kind::write_locked: return "write-locked";
    case hold_kind::read_locked: return "read-locked";
    case hold_kind::writer_waiting: return "writer-waiting";
    case hold_kind::once_running: return "once-running";
  }
  return "?";
}

nlohmann::json holder_json(const execution_record& r, const lock_holder& h) {
  return {{"task_id", h.task}, {"object", object_name(r, h.obj)}, {"how", hold_name(h.how)}, {"at", loc_json(h.at)}};
}

nlohmann::json waits_json(const execution_record& r, const std::vector<lock_wait>& ws) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : ws)
    out.push_back({{"task_id", w.waiter}, {"operation", to_string(w.op)}, {"holder", holder_json(r, w.holder)}});
  return out;
}

nlohmann::json other_side_json(const execution_record& r, const other_side& s) {
  nlohmann::json j{{"task_id", s.task},
                   {"select_at", loc_json(s.select_at)},
                   {"missed", case_name(r, s.missed)},
                   {"missed_at", loc_json(s.missed.loc)},
                   {"time_ms", static_cast<double>(s.time_ns) / 1e6},
                   {"returned", s.returned}};
  j["took"] = s.taken_index < 0 ? "default" : case_name(r, s.taken);
  if (s.taken_index >= 0) j["took_at"] = loc_json(s.taken.loc);
  return j;
}

/// When the mid-run leak check named a task: the step, and what made it certain.
nlohmann::json midrun_json(const execution_record& r, const leak_found& f) {
  nlohmann::json j{
      {"step", f.step}, {"entry", r.listed_entries(f.entry)}, {"by_task_id", f.by}, {"after", loc_json(f.at)}};
  const std::uint32_t dropped = f.dropped ? f.obj : f.drop_obj;
  if (dropped) j["dropped"] = object_name(r, dropped);
  j["cause"] = f.dropped ? "handle-dropped" : "task-blocked";
  return j;
}

/// The structured records of a violation, added to its JSON object.
void add_records(nlohmann::json& jv, const execution_record& r, const violation& v) {
  jv["tasks"] = nlohmann::json::array();
  for (const auto& t : v.tasks)
    jv["tasks"].push_back(
        {{"id", t.id}, {"name", t.name}, {"spawned_at", loc_json(t.spawned_at)}, {"parent", t.parent}});
  if (v.object.kind != object_kind::none)
    jv["object_info"] = {{"name", object_name(r, v.object.id)},
                         {"kind", to_string(v.object.kind)},
                         {"capacity", v.object.cap},
                         {"made_at", loc_json(v.object.made_at)},
                         {"label", v.object.label}};
  jv["holders"] = waits_json(r, v.waits);
  jv["cycle"] = waits_json(r, v.cycle);
  jv["holds"] = nlohmann::json::array();
  for (const auto& h : v.holds) jv["holds"].push_back(holder_json(r, h));
  if (v.left.found) jv["other_side"] = other_side_json(r, v.left);
  for (const leak_found& f : r.leaks_found)
    if (std::find(f.tasks.begin(), f.tasks.end(), v.task) != f.tasks.end()) jv["caught_mid_run"] = midrun_json(r, f);
  jv["fixes"] = nlohmann::json::array();
  for (const auto& f : v.fixes) {
    nlohmann::json jf{{"kind", to_string(f.kind)}};
    if (f.obj) jf["object"] = object_name(r, f.obj);
    if (f.kind == fix_kind::give_capacity) jf["capacity"] = f.capacity;
    if (f.at.line) jf["at"] = loc_json(f.at);
    jv["fixes"].push_back(std::move(jf));
  }
}

nlohmann::json violation_json(const scenario_outcome& o, const violation& v) {
  const execution_record& r = o.result.failing;
  nlohmann::json jv;
  jv["kind"] = to_string(v.kind);
  jv["task_id"] = v.task;
  jv["task"] = v.tasks.empty() ? "" : v.tasks.front().name;
  jv["message"] = v.message;
  jv["file"] = v.loc.file ? v.loc.file : "";
  jv["line"] = v.loc.line;
  if (!v.tasks.empty()) {
    const auto& t = r.tasks[v.task];
    jv["spawned_at"] = loc_json(v.tasks.front().spawned_at);
    jv["operation"] = to_string(t.op);
    jv["object"] = object_name(r, t.obj);
  }
  jv["token"] = o.token;
  add_records(jv, r, v);
  return jv;
}

/// The verdict a registered scenario declares, or "" for an unregistered one.
std::string declared_verdict(const std::string& scenario) {
  const scenario_info* s = find_scenario(scenario);
  return s ? to_string(s->expect) : "";
}

/// Which shard of which search: `chancheck merge` combines only shards of the same search.
nlohmann::json shard_json(const explore_options& x) {
  nlohmann::json options = {{"strategy", x.strategy},           {"seed", x.seed},
                            {"time", to_string(x.exec.time)},   {"max_steps", x.exec.max_steps},
                            {"max_tasks", x.exec.max_tasks},    {"max_executions", x.max_executions},
                            {"budget_ms", x.budget.count()},    {"depth", x.pct_depth},
                            {"preemptions", x.max_preemptions}, {"split", x.dpor_split},
                            {"tick_budget", x.exec.tick_budget}};
  return {{"index", x.shard_index}, {"count", x.shard_count}, {"options", std::move(options)}};
}

nlohmann::json scenario_json(const scenario_outcome& o) {
  const auto& res = o.result;
  nlohmann::json j;
  j["scenario"] = o.scenario;
  j["verdict"] = verdict_of(o);
  if (std::string e = declared_verdict(o.scenario); !e.empty()) j["expected"] = e;
  j["executions"] = res.executions;
  if (res.samples > 0) j["samples"] = res.samples;
  if (!o.options.sharded() &&
      (res.covers == coverage_kind::one_per_class || res.covers == coverage_kind::per_task_group))
    j["redundant"] = res.pruned;
  if (res.found) j["found_in"] = res.found_in_sample ? "sample" : "execution";
  if (res.shows_estimate()) j["explored_estimate"] = res.explored;
  j["exhaustive"] = res.exhaustive;
  j["bound"] = res.bound == bound_hit::executions ? "max-executions"
               : res.bound == bound_hit::budget   ? "budget"
                                                  : "none";
  j["strategy"] = o.options.strategy;
  j["seed"] = o.options.seed;
  j["time"] = to_string(o.options.exec.time);
  j["tick_budget"] = o.options.exec.tick_budget;
  if (res.ticks_held) j["ticks_held"] = true;
  j["seconds"] = res.seconds;
  if (!res.coverage.empty()) j["coverage"] = res.coverage;
  j["coverage_kind"] = to_string(res.covers);
  if (!res.error.empty()) j["error"] = res.error;
  if (o.options.sharded()) j["shard"] = shard_json(o.options);
  nlohmann::json vs = nlohmann::json::array();
  for (const auto& v : o.violations) vs.push_back(violation_json(o, v));
  j["violations"] = std::move(vs);
  if (!o.violations.empty()) j["trace"] = trace_json(o.result.failing);
  if (!o.violations.empty() && !o.result.failing.idle_timers.empty()) {
    nlohmann::json idle = nlohmann::json::array();
    for (std::uint32_t obj : o.result.failing.idle_timers) {
      const trace_object* t = o.result.failing.object(obj);
      idle.push_back({{"object", object_name(o.result.failing, obj)}, {"made", loc_json(t ? t->loc : trace_loc{})}});
    }
    j["idle_timers"] = std::move(idle);
  }
  return j;
}
}  // namespace

std::string to_json(const std::vector<scenario_outcome>& outcomes) {
  nlohmann::json doc;
  doc["format"] = "chancheck-result";
  doc["version"] = 1;
  doc["producer"] = {{"name", "chancheck"}, {"version", CHANCHECK_VERSION}};
  doc["scenarios"] = nlohmann::json::array();
  for (const auto& o : outcomes) doc["scenarios"].push_back(scenario_json(o));
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // user text may be any bytes
}

}  // namespace chancheck::detail
