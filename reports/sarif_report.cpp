// sarif_report.cpp: SARIF 2.1.0 (OASIS). Paths in the JSON result are relative to
// the project root of the scenarios' sources, so each artifact location is a
// relative URI against the base id SRCROOT, which a viewer maps to its checkout.
#include <chancheck/reports/sarif_report.hpp>

#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

#include <chancheck/reports/violation_text.hpp>

namespace chancheck::detail {

namespace {
struct rule {
  const char* kind;        ///< the violation kind (docs/json.md)
  const char* id;          ///< the rule id
  const char* name;        ///< the rule name
  const char* short_text;  ///< what it finds
  const char* full_text;   ///< what it means and what to do
};

constexpr std::array<rule, 10> rules{{
    {"leak", "CC1001", "TaskLeak", "A task is blocked forever after main returned.",
     "A task waits forever on a channel, lock or other kit object that no other task will ever make ready: a "
     "goroutine leak. Each leaked task keeps its stack and everything it references."},
    {"deadlock", "CC1002", "Deadlock", "Every task is blocked, or tasks wait for each other's locks in a cycle.",
     "No task can move: every task, main included, is blocked (Go: all goroutines are asleep), or tasks wait for "
     "locks held by one another in a cycle."},
    {"panic", "CC1003", "Panic", "A Go panic: send on a closed channel, double close, unlock of an unlocked mutex...",
     "An operation that Go defines as a panic happened in some interleaving."},
    {"exception", "CC1004", "Exception", "A C++ exception escaped a task.",
     "A task ended with an exception that nothing caught."},
    {"assertion", "CC1005", "Assertion", "A scenario's expect() failed.",
     "A condition the scenario states with expect() was false in some interleaving."},
    {"step-limit", "CC1006", "StepLimit", "A task did not terminate within the step bound.",
     "An execution ran past --max-steps scheduling steps: a loop that never blocks or ends, or a long scenario "
     "(raise --max-steps)."},
    {"misuse", "CC1007", "Misuse", "A kit object made outside the execution was used in it.",
     "An object made at static initialisation, on a real thread or in an earlier execution was used by a task of "
     "the explored execution; make it inside the scenario."},
    {"uncontrolled", "CC1008", "Uncontrolled", "A kit call from a thread the explorer does not control, or a hang.",
     "A task blocked outside the kit (the watchdog ended it) or a kit call came from a std::thread; every blocking "
     "wait must go through the kit."},
    {"task-limit", "CC1010", "TaskLimit", "An execution started more tasks than --max-tasks allows.",
     "A go() would start one task past the bound of tasks per execution (--max-tasks, default 10000); each task "
     "holds a fiber stack. Raise the bound, or start fewer tasks (a worker pool, not a task per item)."},
    {"crash", "CC1009", "Crash", "The scenario's process died.",
     "The process exploring the scenario died (a signal, exit(), a stack overflow); the replay token reproduces "
     "it."},
}};

/// The index of the rule for a violation kind (the last, crash, for an unknown kind).
std::size_t rule_index(const std::string& kind) {
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (kind == rules[i].kind) return i;
  return rules.size() - 1;
}

nlohmann::json rules_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const rule& r : rules)
    out.push_back({{"id", r.id},
                   {"name", r.name},
                   {"shortDescription", {{"text", r.short_text}}},
                   {"fullDescription", {{"text", r.full_text}}},
                   {"defaultConfiguration", {{"level", "error"}}},
                   {"properties", {{"violation_kind", r.kind}}}});
  return out;
}

/// A relative path as a URI reference: unreserved characters and '/' kept, the rest percent-encoded.
std::string uri_of(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

/// A physicalLocation for a {"file", "line"} object, or null when it has no line.
nlohmann::json physical(const nlohmann::json& loc) {
  if (!loc.is_object() || loc.value("line", 0) == 0 || loc.value("file", "").empty()) return nullptr;
  return {{"artifactLocation", {{"uri", uri_of(loc.value("file", ""))}, {"uriBaseId", "SRCROOT"}}},
          {"region", {{"startLine", loc.value("line", 0)}}}};
}

/// The related locations of one violation, numbered from 1.
class related_locations {
 public:
  void add(const nlohmann::json& loc, const std::string& text) {
    nlohmann::json p = physical(loc);
    if (p.is_null()) return;
    out_.push_back({{"id", out_.size() + 1}, {"physicalLocation", std::move(p)}, {"message", {{"text", text}}}});
  }
  nlohmann::json take() { return std::move(out_); }

 private:
  nlohmann::json out_ = nlohmann::json::array();
};

std::string task_of(const nlohmann::json& v, std::int64_t id) {
  for (const auto& t : v.value("tasks", nlohmann::json::array()))
    if (t.value("id", -2) == id) return "task " + std::to_string(id) + " \"" + t.value("name", "") + "\"";
  return "task " + std::to_string(id);
}

/// Every place a violation's records name: spawn site, object, the other side, lock holders, fixes.
nlohmann::json related_json(const nlohmann::json& v) {
  related_locations rel;
  const auto tasks = v.value("tasks", nlohmann::json::array());
  if (!tasks.empty() && tasks[0].value("parent", -1) >= 0)
    rel.add(tasks[0]["spawned_at"], task_of(v, tasks[0].value("id", -1)) + " was started here");
  if (v.contains("object_info"))
    rel.add(v["object_info"]["made_at"], v["object_info"].value("name", "") + " was made here");
  if (v.contains("other_side")) {
    const auto& s = v["other_side"];
    const std::string who = task_of(v, s.value("task_id", -1));
    if (s.contains("took_at")) rel.add(s["took_at"], who + "'s select took " + s.value("took", "") + " here and left");
    rel.add(s["missed_at"], "the case " + s.value("missed", "") + " that " + who + "'s select did not take");
  }
  for (const char* field : {"holders", "cycle"})
    for (const auto& w : v.value(field, nlohmann::json::array())) {
      const auto& h = w["holder"];
      rel.add(h["at"], h.value("object", "") + " " + h.value("how", "") + " here by " +
                           task_of(v, h.value("task_id", -1)) + ", which " + task_of(v, w.value("task_id", -1)) +
                           " waits for");
    }
  for (const auto& h : v.value("holds", nlohmann::json::array()))
    rel.add(h["at"], "the task holds " + h.value("object", "") + " (" + h.value("how", "") + " here)");
  for (const auto& f : v.value("fixes", nlohmann::json::array()))
    if (f.contains("at")) rel.add(f["at"], "fix here: " + f.value("kind", ""));
  return rel.take();
}

nlohmann::json result_json(const nlohmann::json& s, const nlohmann::json& v) {
  const std::size_t index = rule_index(v.value("kind", ""));
  std::string text = violation_text(v);
  const std::string replay = replay_command(s, v);
  if (!replay.empty()) text += "replay: " + replay + "\n";
  nlohmann::json r{
      {"ruleId", rules[index].id}, {"ruleIndex", index}, {"level", "error"}, {"message", {{"text", text}}}};
  if (nlohmann::json p = physical(v); !p.is_null()) r["locations"] = nlohmann::json::array({{{"physicalLocation", p}}});
  if (nlohmann::json rel = related_json(v); !rel.empty()) r["relatedLocations"] = std::move(rel);
  r["properties"] = {{"scenario", s.value("scenario", "")},
                     {"verdict", s.value("verdict", "")},
                     {"expected", s.value("expected", "")},
                     {"token", v.value("token", "")},
                     {"replay", replay}};
  return r;
}
}  // namespace

std::string sarif_report(const nlohmann::json& document) {
  const auto producer = document.value("producer", nlohmann::json::object());
  nlohmann::json results = nlohmann::json::array();
  for (const auto& s : document.value("scenarios", nlohmann::json::array()))
    for (const auto& v : s.value("violations", nlohmann::json::array())) results.push_back(result_json(s, v));
  nlohmann::json run{{"tool",
                      {{"driver",
                        {{"name", producer.value("name", "chancheck")},
                         {"version", producer.value("version", "")},
                         {"rules", rules_json()}}}}},
                     {"originalUriBaseIds",
                      {{"SRCROOT", {{"description", {{"text", "The project root of the scenarios' sources."}}}}}}},
                     {"results", std::move(results)}};
  nlohmann::json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                     {"version", "2.1.0"},
                     {"runs", nlohmann::json::array({std::move(run)})}};
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace chancheck::detail
