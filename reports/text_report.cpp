// text_report.cpp: the text reports.
#include <chancheck/reports/text_report.hpp>

#include <cstdio>

namespace chancheck::detail {

namespace {
std::string loc_str(const trace_loc& l) {
  if (!l.file || !*l.file) return "?";
  return std::string(l.file) + ":" + std::to_string(l.line);
}

std::string ms(std::int64_t ns) {
  char buf[32];
  if (ns % 1000000 == 0)
    std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ns / 1000000));
  else
    std::snprintf(buf, sizeof buf, "%.3fms", static_cast<double>(ns) / 1e6);
  return buf;
}

std::string task_name(const execution_record& r, std::int32_t id) {
  if (id < 0 || id >= static_cast<std::int32_t>(r.tasks.size())) return "clock";
  return r.tasks[id].name;
}

std::string case_str(const execution_record& r, const trace_case& c) {
  return c.is_send ? object_name(r, c.obj) + "<-" : "<-" + object_name(r, c.obj);
}

std::string describe_object(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  if (!o) return "a nil channel";
  if (o->kind == object_kind::cond)
    return object_name(r, id) + " (made at " + loc_str(o->loc) + ", over " +
           object_name(r, static_cast<std::uint32_t>(o->cap)) + ")";
  if (o->kind != object_kind::chan) return object_name(r, id) + " (made at " + loc_str(o->loc) + ")";
  std::string kind = o->cap == 0 ? "unbuffered" : "capacity " + std::to_string(o->cap);
  if (o->label == "ctx.done") return object_name(r, id) + " (the done channel of the context made at " + loc_str(o->loc) + ")";
  if (o->label == "after" || o->label == "sleep" || o->label == "timer")
    return object_name(r, id) + " (the timer channel made at " + loc_str(o->loc) + ")";
  if (o->label == "ticker") return object_name(r, id) + " (the ticker channel made at " + loc_str(o->loc) + ")";
  return object_name(r, id) + " (" + kind + ", made at " + loc_str(o->loc) + ")";
}

std::string describe_op(const execution_record& r, op_kind op, std::uint32_t obj, const std::vector<trace_case>& cases) {
  const std::string name = object_name(r, obj);
  switch (op) {
    case op_kind::send: return "send on " + name;
    case op_kind::recv: return "receive from " + name;
    case op_kind::close: return "close of " + name;
    case op_kind::select: {
      std::string s = "select {";
      for (std::size_t i = 0; i < cases.size(); ++i) s += (i ? ", " : "") + case_str(r, cases[i]);
      return s + "}";
    }
    case op_kind::lock: return "lock of " + name;
    case op_kind::unlock: return "unlock of " + name;
    case op_kind::rlock: return "read lock of " + name;
    case op_kind::runlock: return "read unlock of " + name;
    case op_kind::wg_add: return "add on " + name;
    case op_kind::wg_done: return "done on " + name;
    case op_kind::wg_wait: return "wait on " + name;
    case op_kind::cond_wait: return "wait on " + name;
    case op_kind::cond_signal: return "signal on " + name;
    case op_kind::cond_broadcast: return "broadcast on " + name;
    case op_kind::once: return "call of " + name;
    case op_kind::timer_stop: return "stop of " + name;
    case op_kind::timer_reset: return "reset of " + name;
    default: return to_string(op) + std::string(obj ? " " + name : "");
  }
}

/// The details the termination property put after the first ": " of a blocked
/// task's message ("held by ...", "lock cycle: ...", "it holds ..."), one per line.
std::vector<std::string> message_details(const violation& v) {
  std::vector<std::string> out;
  std::size_t at = v.message.find("blocked forever in ");
  if (at == std::string::npos) return out;
  at = v.message.find(": ", at);
  if (at == std::string::npos) return out;
  std::string rest = v.message.substr(at + 2);
  for (std::size_t from = 0;;) {
    std::size_t semi = rest.find("; ", from);
    out.push_back(rest.substr(from, semi == std::string::npos ? std::string::npos : semi - from));
    if (semi == std::string::npos) break;
    from = semi + 2;
  }
  return out;
}

/// What the trace shows of a timer whose channel a task waits on forever: when it
/// fired, who received its value, what stop() returned.
std::string timer_history(const execution_record& r, std::int32_t leaked, std::uint32_t obj) {
  std::string out;
  std::size_t last_own = r.events.size();  // the leaked task's blocking receive
  for (std::size_t i = 0; i < r.events.size(); ++i)
    if (r.events[i].task == leaked && r.events[i].kind == event_kind::op && r.events[i].obj == obj) last_own = i;
  bool fired = false;
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    const auto& e = r.events[i];
    if (e.kind == event_kind::timer_fire && e.obj == obj) {
      out += "  " + object_name(r, obj) + " fired at t=" + ms(e.time_ns) + "\n";
      fired = true;
    } else if (e.kind == event_kind::select_case && e.obj == obj && e.arg >= 0) {
      out += "  its value was received by " + task_name(r, e.task) + "'s select case at " + loc_str(e.loc) + "\n";
    } else if (e.kind == event_kind::op && e.op == op_kind::recv && e.obj == obj && i != last_own) {
      out += "  its value was received by " + task_name(r, e.task) + " at " + loc_str(e.loc) + "\n";
    } else if (e.kind == event_kind::op && e.op == op_kind::timer_stop && e.obj == obj) {
      out += "  stop() at " + loc_str(e.loc) + (fired ? " came after it fired, so it returned false" : "") + "\n";
    }
  }
  if (fired)
    out += "  a fired timer sends once: its drained channel stays empty until reset()\n"
           "  fix: drain only a value nobody received: if (!t.stop() && !received) t.c.recv();\n"
           "       or drain without blocking: select(recv(t.c), default_case());\n";
  return out;
}

/// The fix for a task blocked on a sync primitive, from what it waits on.
std::string sync_fix(const trace_task& t, const std::vector<std::string>& details) {
  bool cycle = false, self = false;
  for (const auto& d : details) {
    if (d.rfind("lock cycle: ", 0) == 0) cycle = true;
    if (d.find(" itself") != std::string::npos) self = true;
  }
  if (t.op == op_kind::once) return "fix: the function given to once must not block, nor call the same once";
  if (cycle && self)
    return "fix: locks are not reentrant: do not lock again what this task holds (have the inner call expect the "
           "lock held)";
  if (cycle && t.op == op_kind::rlock)
    return "fix: do not read-lock again while holding a read lock: a writer waiting in between blocks the second "
           "rlock() (Go's RWMutex prefers writers)";
  if (cycle) return "fix: take the locks in one global order everywhere, or hold one at a time";
  switch (t.op) {
    case op_kind::lock:
    case op_kind::rlock:
      return "fix: unlock on every path (defer the unlock right after locking), and do not block on channels or "
             "other locks while holding one";
    case op_kind::wg_wait:
      return "fix: call done() exactly once for each add(1), on every path: defer wg.done() first thing in the task";
    case op_kind::cond_wait:
      return "fix: change the condition under the lock before signalling, and wait in a loop over it: "
             "while (!ready) c.wait();";
    default: return {};
  }
}

/// How the other side of a leaked send or receive on `obj` went away, if the
/// trace shows it: the last select that offered the matching case and took another.
std::string receiver_left(const execution_record& r, std::int32_t leaked, std::uint32_t obj, bool leaked_sends) {
  std::vector<const trace_event*> last_select(r.tasks.size(), nullptr);
  std::string found;
  for (const auto& e : r.events) {
    if (e.task < 0 || e.task == leaked) continue;
    if (e.kind == event_kind::op && e.op == op_kind::select) last_select[e.task] = &e;
    if (e.kind != event_kind::select_case || !last_select[e.task]) continue;
    const trace_event* sel = last_select[e.task];
    for (std::uint32_t i = 0; i < sel->cases_count; ++i) {
      const trace_case& c = r.cases[sel->cases_begin + i];
      if (c.obj != obj || c.is_send == leaked_sends || static_cast<std::int32_t>(i) == e.arg) continue;
      std::string took = e.arg < 0 ? "its default case" : case_str(r, r.cases[sel->cases_begin + e.arg]) + " (" + loc_str(e.loc) + ")";
      found = task_name(r, e.task) + "'s select at " + loc_str(sel->loc) + " took " + took + " at t=" + ms(e.time_ns) +
              ", not " + case_str(r, c) + " (" + loc_str(c.loc) + "), and returned without it";
    }
  }
  return found;
}

void explain_blocked(std::string& out, const execution_record& r, const violation& v) {
  const trace_task& t = r.tasks[v.task];
  out += "  task " + std::to_string(t.id) + " \"" + t.name + "\"";
  if (t.parent >= 0) out += ", started at " + loc_str(t.spawned_at) + " by " + task_name(r, t.parent);
  out += "\n  blocked forever in " + describe_op(r, t.op, t.obj, t.cases) + " at " + loc_str(t.op_loc) + "\n";
  const std::vector<std::string> details = message_details(v);
  const trace_object* blocked_on = r.object(t.obj);
  if (blocked_on && blocked_on->kind != object_kind::chan && t.op != op_kind::select) {
    out += "  " + describe_object(r, t.obj) + "\n";
    for (const auto& d : details) out += "  " + d + "\n";
    if (std::string fix = sync_fix(t, details); !fix.empty()) out += "  " + fix + "\n";
    return;
  }
  for (const auto& d : details)
    out += "  " + d + (d.rfind("it holds ", 0) == 0 ? " while it waits: unlock before blocking" : "") + "\n";
  if (t.op == op_kind::recv && blocked_on && (blocked_on->label == "timer" || blocked_on->label == "after")) {
    out += "  channel: " + describe_object(r, t.obj) + "\n";
    std::string history = timer_history(r, t.id, t.obj);
    if (!history.empty()) {
      out += history;
      return;
    }
  }
  if (t.op == op_kind::send || t.op == op_kind::recv) {
    bool sends = t.op == op_kind::send;
    out += "  channel: " + describe_object(r, t.obj) + "\n";
    if (t.obj == 0) {
      out += "  a nil channel blocks forever: make it with make_chan<T>() before using it\n";
      return;
    }
    std::string left = receiver_left(r, t.id, t.obj, sends);
    const trace_object* o = r.object(t.obj);
    if (sends) {
      if (!left.empty()) out += "  the receiver left: " + left + "\n";
      else out += "  no task receives from " + object_name(r, t.obj) + " any more\n";
      if (o && o->cap == 0)
        out += "  fix: give " + object_name(r, t.obj) + " capacity 1 (make_chan<T>(1) at " + loc_str(o->loc) +
               ") so the send completes with no receiver,\n       or have the sender select on ctx.done() as well as the send\n";
      else
        out += "  fix: make the buffer large enough for every value sent, or have the sender select on a done channel\n";
    } else {
      if (!left.empty()) out += "  the sender left: " + left + "\n";
      else out += "  no task sends on or closes " + object_name(r, t.obj) + " any more\n";
      out += "  fix: close " + object_name(r, t.obj) +
             " once the last value is sent, or have the receiver select on a done channel too\n";
    }
  } else if (t.op == op_kind::select) {
    for (const auto& c : t.cases) out += "  case " + case_str(r, c) + " at " + loc_str(c.loc) + ": " + describe_object(r, c.obj) + "\n";
    out += "  no case can ever be ready: add a case on a done channel, or make sure one side always completes\n";
  }
}
}  // namespace

std::string object_name(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  if (!o) return "nil";
  std::string base = o->label.empty() ? to_string(o->kind) : o->label;
  return base + "#" + std::to_string(id);
}

std::string summary_line(const scenario_outcome& o, bool show_time) {
  const auto& res = o.result;
  std::string verdict = verdict_of(o);
  std::string s = (verdict == "pass" ? "PASS " : verdict == "error" ? "ERROR " : "FAIL ") + o.scenario + ": ";
  std::string how = std::string(to_string(o.options.strategy)) + ", time " +
                    (o.options.exec.time == time_mode::any ? "any" : "exact");
  if (o.options.strategy == strategy_id::random || o.options.strategy == strategy_id::pct)
    how += ", seed " + std::to_string(o.options.seed);
  if (verdict == "error") {
    s += res.error;
  } else if (verdict != "pass") {
    s += verdict + " found in execution " + std::to_string(res.executions) + " (" + how + ")";
    if (o.minimized)
      s += "; shortened to " + std::to_string(res.failing.preemptions) + " preemptions, " +
           std::to_string(res.failing.steps) + " steps";
  } else {
    s += std::to_string(res.executions) + (res.executions == 1 ? " execution, " : " executions, ");
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
  if (show_time) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " [%.3fs]", res.seconds);
    s += buf;
  }
  return s;
}

std::string explain(const scenario_outcome& o) {
  if (o.violations.empty()) return {};
  const execution_record& r = o.result.failing;
  std::string out;
  const violation& first = o.violations.front();
  if (first.kind == violation_kind::leak || first.kind == violation_kind::deadlock) {
    std::size_t n = o.violations.size();
    out += first.kind == violation_kind::leak
               ? "leak: " + std::to_string(n) + (n == 1 ? " task" : " tasks") +
                     " still blocked after main returned and no timer was pending\n"
           : r.tasks[0].state == task_state::finished
               ? "deadlock: tasks wait for each other's locks in a cycle; main returned, but they can never go on\n"
               : "deadlock: every task is blocked, main included (Go: all goroutines are asleep)\n";
    for (const auto& v : o.violations) {
      out += "\n";
      explain_blocked(out, r, v);
    }
  } else {
    out += std::string(to_string(first.kind)) + ": " + first.message + "\n  in task " + std::to_string(first.task) +
           " \"" + task_name(r, first.task) + "\" at " + loc_str(first.loc) + "\n";
    if (first.task >= 0 && r.tasks[first.task].parent >= 0)
      out += "  the task was started at " + loc_str(r.tasks[first.task].spawned_at) + "\n";
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
    std::string what;
    switch (e.kind) {
      case event_kind::op: {
        std::vector<trace_case> cases(r.cases.begin() + e.cases_begin, r.cases.begin() + e.cases_begin + e.cases_count);
        what = describe_op(r, e.op, e.obj, cases);
        if (e.op == op_kind::select && e.arg) what.insert(what.size() - 1, ", default");
        if (e.op == op_kind::sleep || e.op == op_kind::timer) what = std::string(e.op == op_kind::sleep ? "sleep " : "after ") + std::to_string(e.arg) + "ms";
        if (e.op == op_kind::go) continue;  // shown by the spawn event
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
      case event_kind::timer_fire: what = "timer fires: " + object_name(r, e.obj); break;
      case event_kind::spawn: what = "go: starts task " + std::to_string(e.arg) + " \"" + task_name(r, e.arg) + "\""; break;
      case event_kind::finish: what = "returns"; break;
    }
    std::string where = e.kind == event_kind::finish || e.kind == event_kind::timer_fire ? "" : loc_str(e.loc);
    std::snprintf(buf, sizeof buf, "%4d  t=%-8s %-12s %-44s %s\n", ++n, ms(e.time_ns).c_str(),
                  task_name(r, e.task).c_str(), what.c_str(), where.c_str());
    out += buf;
  }
  return out;
}

}  // namespace chancheck::detail
