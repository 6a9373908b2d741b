// trace_json.cpp: the steps of an execution, in the order of the text report's
// interleaving (lock holds are left out: their lock and unlock steps show them).
#include <chancheck/reports/trace_json.hpp>

#include <nlohmann/json.hpp>

#include <chancheck/properties/naming.hpp>

namespace chancheck::detail {

namespace {
const char* state_name(task_state s) {
  switch (s) {
    case task_state::runnable: return "runnable";
    case task_state::blocked: return "blocked";
    case task_state::finished: return "finished";
  }
  return "?";
}

const char* event_name(event_kind k) {
  switch (k) {
    case event_kind::op: return "op";
    case event_kind::block: return "block";
    case event_kind::select_case: return "select-case";
    case event_kind::timer_fire: return "timer-fire";
    case event_kind::spawn: return "spawn";
    case event_kind::finish: return "return";
    case event_kind::acquire: return "acquire";
    case event_kind::release: return "release";
    case event_kind::choice: return "choice";
  }
  return "?";
}

/// The fields one kind of event has beyond task, event, file, line and time. `select` is the
/// select a select-case event chose in (its task's last select), or nullptr.
void add_event_fields(nlohmann::json& s, const execution_record& r, const trace_event& e, const trace_event* select) {
  switch (e.kind) {
    case event_kind::op:
    case event_kind::block:
      s["op"] = to_string(e.op);
      s["object"] = e.obj ? object_name(r, e.obj) : "";
      if (e.kind == event_kind::op && e.op == op_kind::select) {
        s["cases"] = nlohmann::json::array();
        for (std::uint32_t i = 0; i < e.cases_count; ++i)
          s["cases"].push_back(case_name(r, r.cases[e.cases_begin + i]));
        s["has_default"] = e.arg != 0;
      }
      if (e.kind == event_kind::op && (e.op == op_kind::sleep || e.op == op_kind::timer)) s["ms"] = e.arg;
      break;
    case event_kind::select_case: {
      s["case"] = e.arg;
      const auto k = static_cast<std::uint32_t>(e.arg);
      bool sends = e.arg >= 0 && select && k < select->cases_count && r.cases[select->cases_begin + k].is_send;
      s["op"] = e.arg < 0 ? "default" : sends ? "send" : "recv";
      s["object"] = e.arg >= 0 && e.obj ? object_name(r, e.obj) : "";
      break;
    }
    case event_kind::timer_fire: s["object"] = object_name(r, e.obj); break;
    case event_kind::spawn: s["started"] = e.arg; break;
    case event_kind::choice:  // choose(n): the value taken of n
      s["chose"] = e.arg;
      s["of"] = e.obj;
      break;
    default: break;
  }
}
}  // namespace

nlohmann::json trace_json(const execution_record& r) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : r.tasks)
    tasks.push_back(
        {{"id", t.id},
         {"name", t.name},
         {"parent", t.parent},
         {"spawned_at", {{"file", t.spawned_at.file ? t.spawned_at.file : ""}, {"line", t.spawned_at.line}}},
         {"state", state_name(t.state)}});
  nlohmann::json steps = nlohmann::json::array();
  std::vector<const trace_event*> last_select(r.tasks.size(), nullptr);
  for (const auto& e : r.events) {
    const bool task_known = e.task >= 0 && static_cast<std::size_t>(e.task) < r.tasks.size();
    if (task_known && e.kind == event_kind::op && e.op == op_kind::select) last_select[e.task] = &e;
    if (!e.listed()) continue;
    nlohmann::json s{{"task", e.task}, {"event", event_name(e.kind)}};
    add_event_fields(s, r, e, task_known ? last_select[e.task] : nullptr);
    const bool located = e.kind != event_kind::finish && e.kind != event_kind::timer_fire;
    s["file"] = located && e.loc.file ? e.loc.file : "";
    s["line"] = located ? e.loc.line : 0;
    s["t_ms"] = static_cast<double>(e.time_ns) / 1e6;
    steps.push_back(std::move(s));
  }
  const std::size_t left_out = steps.size() > trace_max_steps ? steps.size() - trace_max_steps : 0;
  if (left_out) steps.erase(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(left_out));
  return {{"tasks", std::move(tasks)},
          {"steps", std::move(steps)},
          {"left_out", left_out},
          {"preemptions", r.preemptions},
          {"decisions", r.decisions.size()}};
}

}  // namespace chancheck::detail
