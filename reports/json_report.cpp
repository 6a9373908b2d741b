// json_report.cpp: the JSON result, written with nlohmann::json.
#include <chancheck/reports/json_report.hpp>

#include <nlohmann/json.hpp>

#include <chancheck/reports/text_report.hpp>

namespace chancheck::detail {

namespace {
nlohmann::json loc_json(const trace_loc& l) { return {{"file", l.file ? l.file : ""}, {"line", l.line}}; }

nlohmann::json scenario_json(const scenario_outcome& o) {
  const auto& res = o.result;
  nlohmann::json j;
  j["scenario"] = o.scenario;
  j["verdict"] = verdict_of(o);
  j["executions"] = res.executions;
  j["exhaustive"] = res.exhaustive;
  j["bound"] = res.bound == bound_hit::executions ? "max-executions" : res.bound == bound_hit::budget ? "budget" : "none";
  j["strategy"] = to_string(o.options.strategy);
  j["seed"] = o.options.seed;
  j["time"] = o.options.exec.time == time_mode::any ? "any" : "exact";
  j["seconds"] = res.seconds;
  if (!res.coverage.empty()) j["coverage"] = res.coverage;
  j["coverage_kind"] = to_string(res.covers);
  if (!res.error.empty()) j["error"] = res.error;
  nlohmann::json vs = nlohmann::json::array();
  for (const auto& v : o.violations) {
    nlohmann::json jv;
    jv["kind"] = to_string(v.kind);
    jv["task_id"] = v.task;
    jv["task"] = v.task >= 0 ? res.failing.tasks[v.task].name : "";
    jv["message"] = v.message;
    jv["file"] = v.loc.file ? v.loc.file : "";
    jv["line"] = v.loc.line;
    if (v.task >= 0) {
      const auto& t = res.failing.tasks[v.task];
      jv["spawned_at"] = loc_json(t.spawned_at);
      jv["operation"] = to_string(t.op);
      jv["object"] = object_name(res.failing, t.obj);
    }
    jv["token"] = o.token;
    vs.push_back(std::move(jv));
  }
  j["violations"] = std::move(vs);
  return j;
}
}  // namespace

std::string to_json(const std::vector<scenario_outcome>& outcomes) {
  nlohmann::json doc;
  doc["format"] = "chancheck-result";
  doc["version"] = 1;
  doc["scenarios"] = nlohmann::json::array();
  for (const auto& o : outcomes) doc["scenarios"].push_back(scenario_json(o));
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // user text may be any bytes
}

}  // namespace chancheck::detail
