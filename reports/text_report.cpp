// text_report.cpp: the text reports.
#include <chancheck/reports/text_report.hpp>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <utility>

#include <chancheck/properties/naming.hpp>
#include <chancheck/properties/wording.hpp>
#include <chancheck/reports/found_where.hpp>

namespace chancheck::detail {

namespace {

bool has_fix(const violation& v, fix_kind k) {
  return std::any_of(v.fixes.begin(), v.fixes.end(), [&](const fix& f) { return f.kind == k; });
}

/// The words of one fix, as an alternative in a "fix:" line: its row's words with its parameters.
std::string fix_phrase(const execution_record& r, const fix& f) {
  const std::pair<std::string_view, std::string> params[] = {
      {"{obj}", object_name(r, f.obj)}, {"{capacity}", std::to_string(f.capacity)}, {"{at}", where(f.at)}};
  std::string out = info(f.kind).words;
  for (const auto& [key, value] : params)
    for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
      out.replace(at, key.size(), value);
  return out;
}

/// The "fix:" lines of v's fixes, which are alternatives to one another: a
/// capacity fix ends its line, the others share one. Fixes worded with the line
/// they belong to (unlock before blocking, make the channel, add a case) are left out.
std::string fix_lines(const execution_record& r, const violation& v) {
  std::string out;
  for (const auto& f : v.fixes) {
    if (f.kind == fix_kind::unlock_before_blocking || f.kind == fix_kind::make_channel ||
        f.kind == fix_kind::add_done_case)
      continue;
    if (out.empty())
      out = "  fix: ";
    else
      out += out.ends_with(",\n") ? "       or " : ", or ";
    out += fix_phrase(r, f) + (f.kind == fix_kind::give_capacity ? ",\n" : "");
  }
  return out.empty() || out.ends_with("\n") ? out : out + "\n";
}

/// What happened to the timer whose channel a task waits on forever.
std::string timer_lines(const execution_record& r, const violation& v) {
  std::string out;
  for (const auto& e : v.timer) {
    switch (e.kind) {
      case timer_event::kind_t::fired:
        out += "  " + object_name(r, v.blocked.obj) + " fired at t=" + ms(e.time_ns) + "\n";
        break;
      case timer_event::kind_t::received_in_select:
        out += "  its value was received by " + task_name(r, e.task) + "'s select case at " + where(e.at) + "\n";
        break;
      case timer_event::kind_t::received:
        out += "  its value was received by " + task_name(r, e.task) + " at " + where(e.at) + "\n";
        break;
      case timer_event::kind_t::stopped:
        out += "  stop() at " + where(e.at) + (e.after_fire ? " came after it fired, so it returned false" : "") + "\n";
        break;
    }
  }
  if (has_fix(v, fix_kind::drain_timer_safely))
    out += "  a fired timer sends once: its drained channel stays empty until reset()\n" + fix_lines(r, v);
  return out;
}

/// The lines of a task blocked in a send or receive: the channel, the other side, the fix.
std::string channel_lines(const execution_record& r, const violation& v) {
  const bool sends = v.blocked.op == op_kind::send;
  const std::string name = object_name(r, v.blocked.obj);
  std::string out = "  channel: " + describe_object(r, v.blocked.obj) + "\n";
  if (has_fix(v, fix_kind::make_channel))
    return out + "  a nil channel blocks forever: " + fix_phrase(r, fix::of(fix_kind::make_channel)) + "\n";
  if (v.left.found)
    out += std::string(sends ? "  the receiver left: " : "  the sender left: ") + other_side_phrase(r, v.left) + "\n";
  else
    out += sends ? "  no task receives from " + name + " any more\n"
                 : "  no task sends on or closes " + name + " any more\n";
  return out + fix_lines(r, v);
}

void explain_blocked(std::string& out, const execution_record& r, const violation& v) {
  const task_ref& t = v.tasks.front();
  out += "  task " + std::to_string(t.id) + " \"" + t.name + "\"";
  if (t.parent >= 0) out += ", started at " + where(t.spawned_at) + " by " + task_name(r, t.parent);
  out += "\n  blocked forever in " + describe_op(r, v.blocked.op, v.blocked.obj, v.blocked.cases) + " at " +
         where(v.blocked.loc) + "\n";
  for (const leak_found& f : r.leaks_found)
    if (std::find(f.tasks.begin(), f.tasks.end(), t.id) != f.tasks.end()) out += "  " + midrun_phrase(r, f) + "\n";
  const op_kind op = v.blocked.op;
  if (v.object.kind != object_kind::chan && v.object.kind != object_kind::none && op != op_kind::select) {
    out += "  " + describe_object(r, v.blocked.obj) + "\n";
    for (const auto& d : blocked_details(r, v)) out += "  " + d + "\n";
    out += fix_lines(r, v);
    return;
  }
  if (!v.holds.empty()) {
    const bool fix = has_fix(v, fix_kind::unlock_before_blocking);
    out += "  " + holds_phrase(r, v.holds) +
           (fix ? " while it waits: " + fix_phrase(r, fix::of(fix_kind::unlock_before_blocking)) : "") + "\n";
  }
  if (!v.timer.empty()) {
    out += "  channel: " + describe_object(r, v.blocked.obj) + "\n" + timer_lines(r, v);
  } else if (op == op_kind::send || op == op_kind::recv) {
    out += channel_lines(r, v);
  } else if (op == op_kind::select) {
    for (const auto& c : v.blocked.cases)
      out += "  case " + case_name(r, c) + " at " + where(c.loc) + ": " + describe_object(r, c.obj) + "\n";
    out += "  no case can ever be ready: " + fix_phrase(r, fix::of(fix_kind::add_done_case)) + "\n";
  }
}
/// The timers left armed at quiescence (none of which can wake a blocked task), one line each.
void explain_idle_timers(std::string& out, const execution_record& r) {
  for (std::uint32_t obj : r.idle_timers) {
    const trace_object* o = r.object(obj);
    const bool ticker = o && o->label == "ticker";
    out += "  still armed: " + describe_object(r, obj) + (ticker ? " keeps ticking" : " will fire") +
           ", but no blocked task receives from it, so it can wake none of them; " +
           (ticker ? "stop it when its owner is done (defer t.stop())\n" : "stop it when it is no longer needed\n");
  }
}

/// A number with two significant digits: "37", "0.0012", "1.3e+10".
std::string two_digits(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", v);
  return buf;
}

/// What a search a bound stopped did of its tree: "search tree about 37% explored
/// (...); at this rate about 2.7e+05 executions in all".
std::string explored_phrase(const explore_result& res) {
  std::string s = "search tree about " + two_digits(100 * res.explored) +
                  "% explored (an estimate from the branches known so far, which races found later can add to)";
  if (res.explored > 0 && res.executions > 0)
    s +=
        "; at this rate about " + two_digits(static_cast<double>(res.executions) / res.explored) + " executions in all";
  return s;
}

}  // namespace

std::string time_suffix(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, " [%.3fs]", seconds);
  return buf;
}

std::string summary_line(const scenario_outcome& o, bool show_time) {
  return summary_line(o, verdict_of(o), show_time);
}

std::string summary_line(const scenario_outcome& o, const std::string& verdict, bool show_time) {
  const auto& res = o.result;
  std::string s = (verdict == "pass" ? "PASS " : verdict == "error" ? "ERROR " : "FAIL ") + o.scenario + ": ";
  std::string how = o.options.strategy + ", time " + to_string(o.options.exec.time);
  if (res.covers == coverage_kind::random_sample || res.covers == coverage_kind::probabilistic || res.samples > 0)
    how += ", seed " + std::to_string(o.options.seed);
  if (verdict == "error") {
    s += res.error;
  } else if (verdict != "pass") {
    s += verdict + " found in " + found_where(res.found_in_sample, res.executions, res.samples) + " (" + how + ")";
    if (o.minimized)
      s += "; shortened to " + std::to_string(res.failing.preemptions) + " preemptions, " +
           std::to_string(res.failing.steps) + " steps";
  } else {
    s += runs_phrase(res.executions, res.samples) + ", ";
    if (res.exhaustive && res.covers == coverage_kind::per_task_group)
      s += "exhaustive: every interleaving of each independent group explored (" + how + ")";
    else if (res.exhaustive)
      s += "exhaustive: every interleaving explored (" + how + ")";
    else if (res.bound == bound_hit::executions)
      s += "not exhaustive: stopped by --max-executions (" + how + "); this is not a proof";
    else if (res.bound == bound_hit::budget)
      s += "not exhaustive: stopped by --budget (" + how + "); this is not a proof";
    else
      s += "not exhaustive (" + how + "); this is not a proof";
  }
  if (!res.coverage.empty() && verdict == "pass") s += "\n     " + res.coverage;
  if (res.ticks_held && verdict == "pass")
    s += "\n     up to " + std::to_string(o.options.exec.tick_budget) +
         " early ticks per ticker: later ticks waited for every task (--tick-budget)";
  if (verdict == "pass" && res.shows_estimate()) s += "\n     " + explored_phrase(res);
  if (show_time) s += time_suffix(res.seconds);
  return s;
}

std::string explain(const scenario_outcome& o) {
  if (o.violations.empty()) return {};
  const execution_record& r = o.result.failing;
  std::string out;
  const violation& first = o.violations.front();
  if (first.kind == violation_kind::leak || first.kind == violation_kind::deadlock) {
    std::size_t n = o.violations.size();
    const std::string timers =
        r.idle_timers.empty() ? " and no timer was pending\n" : " and no timer left could wake one\n";
    const std::string tasks = std::to_string(n) + (n == 1 ? " task" : " tasks");
    out += r.stop == stop_reason::step_limit && !r.leaks_found.empty()
               ? "leak: " + tasks +
                     " blocked forever while the program ran on (it never ended: " + std::to_string(r.steps - 1) +
                     " steps)\n"
           : first.kind == violation_kind::leak ? "leak: " + tasks + " still blocked after main returned" + timers
           : r.tasks[0].state == task_state::finished
               ? "deadlock: tasks wait for each other's locks in a cycle; main returned, but they can never go on\n"
               : "deadlock: every task is blocked, main included (Go: all goroutines are asleep)\n";
    explain_idle_timers(out, r);
    for (const auto& v : o.violations) {
      out += "\n";
      explain_blocked(out, r, v);
    }
  } else if (first.task < 0) {  // no task: a foreign thread
    out += std::string(to_string(first.kind)) + ": " + first.message + "\n";
  } else {
    out += std::string(to_string(first.kind)) + ": " + first.message + "\n  in task " + std::to_string(first.task) +
           " \"" + task_name(r, first.task) + "\" at " + where(first.loc) + "\n";
    if (!first.tasks.empty() && first.tasks.front().parent >= 0)
      out += "  the task was started at " + where(first.tasks.front().spawned_at) + "\n";
    if (first.kind == violation_kind::step_limit)
      out += "  raise --max-steps if the scenario is just long; a loop that never blocks or ends is a bug\n";
  }
  out += "\ninterleaving (" + std::to_string(r.steps) + " steps, " + std::to_string(r.preemptions) +
         (r.preemptions == 1 ? " preemption, " : " preemptions, ") + std::to_string(r.decisions.size()) + " decisions";
  out += "):\n" + format_trace(r);
  out += "\nreplay: chancheck replay " + o.scenario + " " + o.token + "\n";
  return out;
}

std::string format_trace(const execution_record& r) {
  std::string out;
  char buf[512];
  int n = 0;
  for (const auto& e : r.events) {
    if (!e.listed()) continue;
    std::string what;
    switch (e.kind) {
      case event_kind::op: {
        std::vector<trace_case> cases(r.cases.begin() + e.cases_begin, r.cases.begin() + e.cases_begin + e.cases_count);
        what = describe_op(r, e.op, e.obj, cases);
        if (e.op == op_kind::select && e.arg) what.insert(what.size() - 1, ", default");
        if (e.op == op_kind::sleep || e.op == op_kind::timer)
          what = std::string(e.op == op_kind::sleep ? "sleep " : "after ") + std::to_string(e.arg) + "ms";
        break;
      }
      case event_kind::block: {
        what = "blocks";
        break;
      }
      case event_kind::select_case:
        what = e.arg < 0 ? "select takes default"
                         : "select takes case " + std::to_string(e.arg) + ": " + object_name(r, e.obj);
        break;
      case event_kind::choice: what = "chose " + std::to_string(e.arg) + " of " + std::to_string(e.obj); break;
      case event_kind::timer_fire: what = "timer fires: " + object_name(r, e.obj); break;
      case event_kind::spawn:
        what = "go: starts task " + std::to_string(e.arg) + " \"" + task_name(r, e.arg) + "\"";
        break;
      case event_kind::finish: what = "returns"; break;
      case event_kind::acquire:
      case event_kind::release: break;  // not listed
    }
    std::string at = e.kind == event_kind::finish || e.kind == event_kind::timer_fire ? "" : where(e.loc);
    std::snprintf(buf, sizeof buf, "%4d  t=%-8s %-12s %-44s %s\n", ++n, ms(e.time_ns).c_str(),
                  task_name(r, e.task).c_str(), what.c_str(), at.c_str());
    out += buf;
  }
  return out;
}

}  // namespace chancheck::detail
