// violation_text.cpp: words from the JSON records. Each line names one record of
// docs/json.md, so a reader of a CI report sees the same facts as the JSON holds.
#include <chancheck/reports/violation_text.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include <chancheck/properties/scenario.hpp>
#include <chancheck/reports/found_where.hpp>

namespace chancheck::detail {

namespace {
/// `task N "name"` for a task the violation names, `task N` for another.
std::string task_text(const nlohmann::json& v, std::int64_t id) {
  for (const auto& t : v.value("tasks", nlohmann::json::array()))
    if (t.value("id", -2) == id) return "task " + std::to_string(id) + " \"" + t.value("name", "") + "\"";
  return "task " + std::to_string(id);
}

/// " at X" when `loc` has a line, else "".
std::string at_text(const nlohmann::json& loc) {
  std::string w = where_text(loc);
  return w.empty() ? "" : " at " + w;
}

std::string holder_text(const nlohmann::json& v, const nlohmann::json& h) {
  return h.value("object", "") + " (" + h.value("how", "") + " by " + task_text(v, h.value("task_id", -1)) +
         at_text(h.value("at", nlohmann::json::object())) + ")";
}

std::string other_side_text(const nlohmann::json& v, const nlohmann::json& s) {
  std::string out = "  the other side: " + task_text(v, s.value("task_id", -1)) + "'s select" +
                    at_text(s["select_at"]) + " took " + s.value("took", "");
  if (s.contains("took_at")) out += " (" + where_text(s["took_at"]) + ")";
  out += " at t=" + ms_text(s.value("time_ms", 0.0)) + ", not " + s.value("missed", "") + " (" +
         where_text(s["missed_at"]) + ")";
  return out + (s.value("returned", false) ? ", and returned without it\n" : "\n");
}

std::string fix_text(const nlohmann::json& f) {
  std::string out = f.value("kind", "");
  if (f.contains("object")) out += " " + f.value("object", "");
  if (f.contains("capacity")) out += " capacity " + std::to_string(f.value("capacity", 0));
  if (f.contains("at")) out += at_text(f["at"]);
  return out;
}

/// The lines of the records beyond the message: object, other side, locks, fixes.
std::string record_lines(const nlohmann::json& v) {
  std::string out;
  if (v.contains("object_info")) {
    const auto& o = v["object_info"];
    out += "  " + o.value("name", "") + ": " + o.value("kind", "");
    if (o.value("kind", "") == "chan") out += ", capacity " + std::to_string(o.value("capacity", 0));
    out += ", made" + at_text(o["made_at"]) + "\n";
  }
  if (v.contains("other_side")) out += other_side_text(v, v["other_side"]);
  for (const auto& w : v.value("holders", nlohmann::json::array()))
    out += "  " + task_text(v, w.value("task_id", -1)) + " waits to " + w.value("operation", "") + " " +
           holder_text(v, w["holder"]) + "\n";
  if (!v.value("cycle", nlohmann::json::array()).empty()) out += "  the waits close a cycle\n";
  for (const auto& h : v.value("holds", nlohmann::json::array())) out += "  it holds " + holder_text(v, h) + "\n";
  std::string fixes;
  for (const auto& f : v.value("fixes", nlohmann::json::array())) fixes += (fixes.empty() ? "" : ", or ") + fix_text(f);
  if (!fixes.empty()) out += "  fix: " + fixes + "\n";
  return out;
}
}  // namespace

std::string ms_text(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gms", ms);
  return buf;
}

std::string where_text(const nlohmann::json& loc) {
  if (!loc.is_object() || loc.value("line", 0) == 0) return "";
  return loc.value("file", "") + ":" + std::to_string(loc.value("line", 0));
}

bool broken_verdict(const nlohmann::json& scenario) {
  const std::string verdict = scenario.value("verdict", "");
  return verdict == "error" || verdict == "crash" || verdict == "uncontrolled";
}

bool failed_for_ci(const nlohmann::json& scenario) {
  const std::string verdict = scenario.value("verdict", ""), declared = scenario.value("expected", verdict);
  if (verdict == "interrupted") return false;
  return verdict != "pass" || !verdict_accepted(declared, verdict);
}

std::string verdict_text(const nlohmann::json& scenario) {
  const std::string verdict = scenario.value("verdict", ""), declared = scenario.value("expected", "");
  std::string how = scenario.value("strategy", "") + ", time " + scenario.value("time", "");
  const std::string covers = scenario.value("coverage_kind", "");
  if (covers == "random-sample" || covers == "probabilistic" || scenario.value("samples", std::uint64_t{0}) > 0)
    how += ", seed " + std::to_string(scenario.value("seed", std::uint64_t{0}));  // as the summary line says it
  std::string n = std::to_string(scenario.value("executions", std::uint64_t{0}));
  std::string out = verdict == "pass"          ? "pass: " + n + " executions (" + how + ")"
                    : verdict == "interrupted" ? "interrupted after " + n + " executions (" + how + ")"
                    : verdict == "error"       ? "error: " + scenario.value("error", "")
                                               : verdict + " found in " +
                                               found_where(scenario.value("found_in", "") == "sample",
                                                           scenario.value("executions", std::uint64_t{0}),
                                                           scenario.value("samples", std::uint64_t{0})) +
                                               " (" + how + ")";
  if (verdict == "pass") out += scenario.value("exhaustive", false) ? ", exhaustive" : ", not exhaustive";
  if (!declared.empty() && verdict != "interrupted")
    out += verdict_accepted(declared, verdict) ? "; as declared" : "; UNEXPECTED: declared " + declared;
  return out;
}

std::string violation_text(const nlohmann::json& v) {
  std::string out = v.value("kind", "") + ": " + v.value("message", "") + "\n";
  const std::int64_t task = v.value("task_id", -1);
  if (task >= 0) out += "  in " + task_text(v, task) + at_text(v) + "\n";
  const auto tasks = v.value("tasks", nlohmann::json::array());
  if (!tasks.empty() && tasks[0].value("parent", -1) >= 0)
    out += "  started" + at_text(tasks[0]["spawned_at"]) + " by " + task_text(v, tasks[0].value("parent", -1)) + "\n";
  if (v.contains("cause")) out += "  cause: " + v.value("cause", "") + "\n";
  return out + record_lines(v);
}

std::string replay_command(const nlohmann::json& scenario, const nlohmann::json& violation) {
  const std::string token = violation.value("token", "");
  return token.empty() ? "" : "chancheck replay " + scenario.value("scenario", "") + " " + token;
}

}  // namespace chancheck::detail
