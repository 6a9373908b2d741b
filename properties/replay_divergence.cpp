// replay_divergence.cpp: comparing two traces event by event and naming the first difference.
#include <chancheck/properties/replay_divergence.hpp>

#include <cstring>

#include <chancheck/properties/naming.hpp>

namespace chancheck::detail {

namespace {
/// True when the two events are the same thing done by the same task at the same place.
bool same(const trace_event& a, const trace_event& b) {
  return a.task == b.task && a.kind == b.kind && a.op == b.op && a.arg == b.arg && a.loc.line == b.loc.line &&
         std::strcmp(a.loc.file ? a.loc.file : "", b.loc.file ? b.loc.file : "") == 0;
}

/// The events a printed trace shows (format_trace): lock holds are bookkeeping, and a
/// go is shown by its spawn event.
bool shown(const trace_event& e) {
  return e.kind != event_kind::acquire && e.kind != event_kind::release &&
         !(e.kind == event_kind::op && e.op == op_kind::go);
}

/// The number of event `k` in the printed trace (1-based).
std::size_t trace_number(const execution_record& r, std::size_t k) {
  std::size_t n = 0;
  for (std::size_t i = 0; i <= k && i < r.events.size(); ++i) n += shown(r.events[i]) ? 1 : 0;
  return n;
}
}  // namespace

std::string describe_event(const execution_record& r, const trace_event& e) {
  const std::string who = e.task >= 0 ? task_label(r, e.task) : "the clock";
  const std::string at = " at " + where(e.loc);
  switch (e.kind) {
    case event_kind::op: return who + "'s " + op_phrase(r, e.op, e.obj) + at;
    case event_kind::block: return who + " blocking in " + op_phrase(r, e.op, e.obj) + at;
    case event_kind::select_case:
      return who + "'s select taking " + (e.arg < 0 ? "default" : "case " + std::to_string(e.arg)) + at;
    case event_kind::timer_fire: return "a timer firing: " + object_name(r, e.obj);
    case event_kind::spawn: return who + " starting task " + std::to_string(e.arg) + at;
    case event_kind::finish: return who + " returning";
    case event_kind::choice: return who + " choosing " + std::to_string(e.arg) + " of " + std::to_string(e.obj) + at;
    case event_kind::acquire:
    case event_kind::release: break;
  }
  return who + "'s " + op_phrase(r, e.op, e.obj) + at;
}

std::string last_event(const execution_record& r) {
  for (std::size_t k = r.events.size(); k-- > 0;)
    if (shown(r.events[k])) return "step " + std::to_string(trace_number(r, k)) + ", " + describe_event(r, r.events[k]);
  return "none, it stopped fitting before its first step";
}

std::string first_divergence(const execution_record& token_run, const std::string& made_for,
                             const execution_record& scenario_run, const std::string& name) {
  std::size_t i = 0, j = 0;
  for (;;) {
    while (i < token_run.events.size() && !shown(token_run.events[i])) ++i;
    while (j < scenario_run.events.size() && !shown(scenario_run.events[j])) ++j;
    if (i == token_run.events.size() || j == scenario_run.events.size()) break;
    if (!same(token_run.events[i], scenario_run.events[j])) break;
    ++i, ++j;
  }
  auto side = [](const execution_record& r, std::size_t k, const std::string& prefix, const std::string& scenario) {
    if (k == r.events.size()) return prefix + "run of " + scenario + " ends there";
    return prefix + "step " + std::to_string(trace_number(r, k)) + " on " + scenario + " is " +
           describe_event(r, r.events[k]);
  };
  return side(token_run, i, "the token's ", made_for) + "; " + side(scenario_run, j, "its ", name);
}

}  // namespace chancheck::detail
