// termination.cpp: termination, deadlock, panics, exceptions, expectations and
// the step bound, read off a finished execution_record, as structured violations.
//
// Tasks blocked on sync primitives get more than "blocked forever". The engine
// records every lock hold (acquire and release events), so who holds each lock is
// read off the trace; a task waiting for a lock (or a once) points at the task
// holding it, and a task waiting for an rwmutex that a writer holds or waits for
// points at that writer (Go's RWMutex prefers writers). A cycle of such waits is
// a deadlock, reported first, even when main has returned.
#include <chancheck/properties/termination.hpp>

#include <algorithm>
#include <map>

#include <chancheck/properties/naming.hpp>
#include <chancheck/properties/wording.hpp>

namespace chancheck::detail {

bool violates(const execution_record& r) {
  if (r.stop == stop_reason::failure || r.stop == stop_reason::step_limit) return true;
  if (r.stop != stop_reason::quiescent) return false;
  for (const auto& t : r.tasks)
    if (t.state != task_state::finished) return true;
  return false;
}

namespace {

object_ref object_of(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  if (!o) return {};
  return {id, o->kind, o->cap, o->loc, o->label};
}

/// Who holds what at the end of an execution: the locks, from the engine's
/// acquire and release events, and the once functions still running.
class hold_table {
 public:
  explicit hold_table(const execution_record& r) {
    for (const auto& e : r.events) {
      if (e.kind == event_kind::acquire) {
        hold_kind how = e.op == op_kind::rlock                     ? hold_kind::read_locked
                        : r.kind_of(e.obj) == object_kind::rwmutex ? hold_kind::write_locked
                                                                   : hold_kind::locked;
        locks_[e.obj].push_back({e.task, e.obj, how, e.loc});
      } else if (e.kind == event_kind::release) {
        release(e);
      } else if (e.kind == event_kind::op && e.op == op_kind::once && r.kind_of(e.obj) == object_kind::once) {
        once_.emplace(e.obj, lock_holder{e.task, e.obj, hold_kind::once_running, e.loc});  // the first call runs it
      }
    }
  }

  /// The holds on lock `id`, in the order they were taken.
  const std::vector<lock_holder>& holders(std::uint32_t id) const {
    static const std::vector<lock_holder> none;
    auto it = locks_.find(id);
    return it == locks_.end() ? none : it->second;
  }

  /// The task that first called once `id` (whose function runs), if any.
  const lock_holder* once_runner(std::uint32_t id) const {
    auto it = once_.find(id);
    return it == once_.end() ? nullptr : &it->second;
  }

  /// The holds of task t, by lock id.
  std::vector<lock_holder> held_by(std::int32_t t) const {
    std::vector<lock_holder> out;
    for (const auto& [id, hs] : locks_)
      for (const auto& h : hs)
        if (h.task == t) out.push_back(h);
    return out;
  }

 private:
  /// A release ends one hold of its kind (exclusive or shared), the releasing
  /// task's own first (Go's locks are not owned: any task's release ends some hold).
  void release(const trace_event& e) {
    auto& hs = locks_[e.obj];
    const bool shared = e.op == op_kind::rlock;
    auto find = [&](bool own) {
      return std::find_if(hs.begin(), hs.end(), [&](const lock_holder& h) {
        return (h.how == hold_kind::read_locked) == shared && (!own || h.task == e.task);
      });
    };
    auto mine = find(true);  // the releasing task's own hold first, else the first of its kind
    if (mine == hs.end()) mine = find(false);
    if (mine != hs.end()) hs.erase(mine);
  }

  std::map<std::uint32_t, std::vector<lock_holder>> locks_;
  std::map<std::uint32_t, lock_holder> once_;
};

/// The writer that claimed rwmutex `obj` and waits for it: of the tasks blocked
/// in its lock(), the first to block (writers queue in order). -1: none.
std::int32_t waiting_writer(const execution_record& r, std::uint32_t obj) {
  std::int32_t first = -1;
  std::size_t first_at = r.events.size();
  for (const auto& t : r.tasks) {
    if (t.state != task_state::blocked || t.op != op_kind::lock || t.obj != obj) continue;
    std::size_t at = r.events.size();
    for (std::size_t i = 0; i < r.events.size(); ++i)
      if (r.events[i].kind == event_kind::block && r.events[i].task == t.id) at = i;
    if (first < 0 || at < first_at) {
      first = t.id;
      first_at = at;
    }
  }
  return first;
}

/// The tasks blocked task t waits for on rwmutex t.obj.
std::vector<lock_wait> rwmutex_waits(const execution_record& r, const hold_table& holds, const trace_task& t) {
  std::vector<lock_wait> out;
  const auto& hs = holds.holders(t.obj);
  auto writer =
      std::find_if(hs.begin(), hs.end(), [](const lock_holder& h) { return h.how == hold_kind::write_locked; });
  if (writer != hs.end()) return {{t.id, t.op, *writer}};
  const std::int32_t w = waiting_writer(r, t.obj);
  if (w < 0) return out;
  if (w != t.id) return {{t.id, t.op, {w, t.obj, hold_kind::writer_waiting, r.tasks[w].op_loc}}};
  for (const auto& h : hs)  // the claiming writer waits for the readers it found
    if (h.how == hold_kind::read_locked) out.push_back({t.id, t.op, h});
  return out;
}

/// The tasks blocked task t waits for on an object it must hold: every task holding
/// it, once per place it took its hold.
std::vector<lock_wait> holder_waits(const hold_table& holds, const trace_task& t) {
  std::vector<lock_wait> out;
  for (const auto& h : holds.holders(t.obj)) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const lock_wait& w) {
      return w.holder.task == h.task && w.holder.at.line == h.at.line && w.holder.at.file == h.at.file;
    });
    if (!seen) out.push_back({t.id, t.op, h});
  }
  return out;
}

/// The tasks a blocked task waits for, by the wait rule of its object's kind.
std::vector<lock_wait> waits_for(const execution_record& r, const hold_table& holds, const trace_task& t) {
  if (!info(t.op).blocks) return {};
  switch (info(r.kind_of(t.obj)).waits) {
    case wait_rule::none: return {};
    case wait_rule::holders: return holder_waits(holds, t);
    case wait_rule::rwlock: return rwmutex_waits(r, holds, t);
    case wait_rule::once:
      if (const lock_holder* h = holds.once_runner(t.obj); h && h->task >= 0) return {{t.id, t.op, *h}};
      return {};
  }
  return {};
}

/// A cycle of waits through task `start`, as its edges in order; empty when none.
std::vector<lock_wait> cycle_through(std::int32_t start, const std::vector<std::vector<lock_wait>>& graph) {
  std::vector<lock_wait> path;
  std::vector<char> seen(graph.size(), 0);
  auto dfs = [&](auto& self, std::int32_t u) -> bool {
    for (const auto& e : graph[u]) {
      const std::int32_t to = e.holder.task;
      if (to < 0 || to >= static_cast<std::int32_t>(graph.size())) continue;
      path.push_back(e);
      if (to == start) return true;
      if (!seen[to]) {
        seen[to] = 1;
        if (self(self, to)) return true;
      }
      path.pop_back();
    }
    return false;
  };
  seen[start] = 1;
  if (!dfs(dfs, start)) path.clear();
  return path;
}

/// The calls the trace shows on the wait group or cond a task waits on.
wait_history history_of(const execution_record& r, const trace_task& t) {
  wait_history h;
  if (t.op == op_kind::wg_wait) {
    for (const auto& e : r.events)
      if (e.kind == event_kind::op && e.obj == t.obj && (e.op == op_kind::wg_add || e.op == op_kind::wg_done))
        (e.op == op_kind::wg_add ? h.adds : h.dones).push_back(e.loc);
  } else if (t.op == op_kind::cond_wait) {
    std::size_t wait_at = 0;  // the event index of this task's last wait on the cond
    for (std::size_t i = 0; i < r.events.size(); ++i) {
      const auto& e = r.events[i];
      if (e.kind == event_kind::op && e.task == t.id && e.op == op_kind::cond_wait && e.obj == t.obj) wait_at = i;
    }
    for (std::size_t i = 0; i < wait_at; ++i) {
      const auto& e = r.events[i];
      bool signal = e.op == op_kind::cond_signal || e.op == op_kind::cond_broadcast;
      if (e.kind == event_kind::op && e.obj == t.obj && signal) h.lost_signals.push_back(e.loc);
    }
  }
  return h;
}

/// What the trace shows of the timer whose channel task t waits on: when it fired,
/// who received its value, when stop() was called.
std::vector<timer_event> timer_history(const execution_record& r, const trace_task& t) {
  std::vector<timer_event> out;
  std::size_t last_own = r.events.size();  // the leaked task's blocking receive
  for (std::size_t i = 0; i < r.events.size(); ++i)
    if (r.events[i].task == t.id && r.events[i].kind == event_kind::op && r.events[i].obj == t.obj) last_own = i;
  bool fired = false;
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    const auto& e = r.events[i];
    if (e.kind == event_kind::timer_fire && e.obj == t.obj) {
      out.push_back({timer_event::kind_t::fired, -1, {}, e.time_ns, false});
      fired = true;
    } else if (e.kind == event_kind::select_case && e.obj == t.obj && e.arg >= 0) {
      out.push_back({timer_event::kind_t::received_in_select, e.task, e.loc, e.time_ns, fired});
    } else if (e.kind == event_kind::op && e.op == op_kind::recv && e.obj == t.obj && i != last_own) {
      out.push_back({timer_event::kind_t::received, e.task, e.loc, e.time_ns, fired});
    } else if (e.kind == event_kind::op && e.op == op_kind::timer_stop && e.obj == t.obj) {
      out.push_back({timer_event::kind_t::stopped, e.task, e.loc, e.time_ns, fired});
    }
  }
  return out;
}

/// How the other side of a leaked send or receive on t.obj went away, if the trace
/// shows it: the last select that offered the matching case and took another.
other_side other_side_of(const execution_record& r, const trace_task& t) {
  const bool sends = t.op == op_kind::send;
  std::vector<const trace_event*> last_select(r.tasks.size(), nullptr);
  other_side found;
  for (const auto& e : r.events) {
    if (e.task < 0 || e.task == t.id) continue;
    if (e.kind == event_kind::op && e.op == op_kind::select) last_select[e.task] = &e;
    if (e.kind != event_kind::select_case || !last_select[e.task]) continue;
    const trace_event* sel = last_select[e.task];
    for (std::uint32_t i = 0; i < sel->cases_count; ++i) {
      const trace_case& c = r.cases[sel->cases_begin + i];
      if (c.obj != t.obj || c.is_send == sends || static_cast<std::int32_t>(i) == e.arg) continue;
      found = {true,
               e.task,
               sel->loc,
               e.arg,
               e.arg < 0 ? trace_case{} : r.cases[sel->cases_begin + e.arg],
               c,
               e.time_ns,
               r.tasks[e.task].state == task_state::finished};
    }
  }
  return found;
}

/// The fixes for a task blocked on a sync object: a once's, a lock cycle's, or its operation's own.
std::vector<fix> sync_fixes(const violation& v) {
  const bool self =
      std::any_of(v.cycle.begin(), v.cycle.end(), [](const lock_wait& w) { return w.holder.task == w.waiter; });
  const op_kind op = v.blocked.op;
  if (op == op_kind::once) return {fix::of(fix_kind::once_must_not_block, v.blocked.obj)};
  if (!v.cycle.empty() && self) return {fix::of(fix_kind::not_reentrant, v.blocked.obj)};
  if (!v.cycle.empty() && op == op_kind::rlock) return {fix::of(fix_kind::no_nested_rlock, v.blocked.obj)};
  if (!v.cycle.empty()) return {fix::of(fix_kind::lock_order, v.blocked.obj)};
  for (const blocked_fix& b : blocked_fixes)  // the operation's own fix (record/fix.hpp)
    if (b.op == op) return {fix::of(b.fix, v.blocked.obj)};
  return {};
}

/// The fixes for a task blocked in a channel operation or a select.
std::vector<fix> channel_fixes(const violation& v) {
  std::vector<fix> out;
  const std::uint32_t obj = v.blocked.obj;
  if (!v.holds.empty()) out.push_back(fix::of(fix_kind::unlock_before_blocking, v.holds.front().obj));
  const bool timer_chan = v.object.label == "timer" || v.object.label == "after";
  if (v.blocked.op == op_kind::recv && timer_chan && !v.timer.empty()) {
    bool fired = std::any_of(v.timer.begin(), v.timer.end(),
                             [](const timer_event& e) { return e.kind == timer_event::kind_t::fired; });
    if (fired) out.push_back(fix::of(fix_kind::drain_timer_safely, obj));
  } else if ((v.blocked.op == op_kind::send || v.blocked.op == op_kind::recv) && obj == 0) {
    out.push_back(fix::of(fix_kind::make_channel));
  } else if (v.blocked.op == op_kind::send && v.object.cap == 0) {
    out.push_back({fix_kind::give_capacity, obj, 1, v.object.made_at});
    out.push_back(fix::of(fix_kind::sender_selects_ctx_done, obj));
  } else if (v.blocked.op == op_kind::send) {
    out.push_back(fix::of(fix_kind::enlarge_buffer, obj));
    out.push_back(fix::of(fix_kind::sender_selects_done, obj));
  } else if (v.blocked.op == op_kind::recv) {
    out.push_back(fix::of(fix_kind::close_channel, obj));
    out.push_back(fix::of(fix_kind::receiver_selects_done, obj));
  } else if (v.blocked.op == op_kind::select) {
    out.push_back(fix::of(fix_kind::add_done_case));
  }
  return out;
}

/// Every task the records of v name, v.task first.
std::vector<task_ref> tasks_named(const execution_record& r, const violation& v) {
  std::vector<std::int32_t> ids{v.task};
  auto add = [&](std::int32_t id) {
    if (id >= 0 && id < static_cast<std::int32_t>(r.tasks.size()) && std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(id);
  };
  for (const auto& w : v.waits) add(w.holder.task);
  for (const auto& w : v.cycle) add(w.holder.task), add(w.waiter);
  for (const auto& e : v.timer) add(e.task);
  if (v.left.found) add(v.left.task);
  std::vector<task_ref> out;
  for (std::int32_t id : ids) {
    if (id < 0 || id >= static_cast<std::int32_t>(r.tasks.size())) continue;
    const trace_task& t = r.tasks[id];
    out.push_back({t.id, t.name, t.spawned_at, t.parent});
  }
  return out;
}

/// The violation of a task left blocked at quiescence (its kind is set by the caller).
violation blocked_violation(const execution_record& r, const trace_task& t, const hold_table& holds,
                            const std::vector<std::vector<lock_wait>>& graph) {
  violation v;
  v.task = t.id;
  v.loc = t.op_loc;
  v.blocked = {t.op, t.obj, t.op_loc, t.cases};
  v.object = object_of(r, t.obj);
  v.waits = graph[t.id];
  v.cycle = cycle_through(t.id, graph);
  v.holds = holds.held_by(t.id);
  v.history = history_of(r, t);
  const bool sync = v.object.kind != object_kind::chan && v.object.kind != object_kind::none && t.op != op_kind::select;
  if (!sync && t.op == op_kind::recv && (v.object.label == "timer" || v.object.label == "after"))
    v.timer = timer_history(r, t);
  if (!sync && (t.op == op_kind::send || t.op == op_kind::recv) && t.obj != 0) v.left = other_side_of(r, t);
  v.fixes = sync ? sync_fixes(v) : channel_fixes(v);
  v.tasks = tasks_named(r, v);
  v.message = blocked_message(r, v);
  return v;
}

/// What kind of kit object operation `op` works on, with its article.
const char* object_of(op_kind op) {
  switch (op) {
    case op_kind::send:
    case op_kind::recv:
    case op_kind::select:
    case op_kind::close: return "a channel";
    case op_kind::lock:
    case op_kind::unlock:
    case op_kind::rlock:
    case op_kind::runlock: return "a mutex";
    case op_kind::wg_add:
    case op_kind::wg_wait:
    case op_kind::wg_done: return "a wait group";
    case op_kind::cond_wait:
    case op_kind::cond_signal:
    case op_kind::cond_broadcast: return "a condition variable";
    case op_kind::once: return "a once";
    case op_kind::timer_stop:
    case op_kind::timer_reset: return "a timer";
    case op_kind::cancel: return "a context";
    default: return "a kit object";
  }
}

/// The message of a misuse: what was used where, and where it was made.
std::string misuse_message(const task_failure& f) {
  std::string m = "the ";
  m.append(to_string(f.op)).append(" at ").append(where(f.loc)).append(" uses ").append(object_of(f.op));
  m.append(" made at ").append(where(f.made_at));
  m.append(f.made_in_execution ? ", in an earlier execution (a static or a global kept it)"
                               : ", outside any execution (at static initialisation or on a real thread)");
  m.append("; make kit objects inside the scenario, so that each execution makes its own");
  return m;
}

/// The message of a kit call from a thread the explorer does not control.
std::string uncontrolled_message(const task_failure& f) {
  std::string m = "the ";
  m.append(to_string(f.op)).append(" at ").append(where(f.loc));
  m.append(
      " ran on a thread the explorer does not control (a std::thread?) while the execution ran: uncontrolled"
      " concurrency, and the call was not carried out; start tasks with go(), and make no kit call from other"
      " threads inside a scenario");
  return m;
}

/// The message of a go() past the task bound: the execution had started `started` tasks.
std::string task_limit_message(const task_failure& f, std::size_t started) {
  std::string m = "the go() at ";
  m.append(where(f.loc)).append(" would start task ").append(std::to_string(started + 1));
  m.append(", past the bound of ").append(std::to_string(started)).append(" tasks per execution (--max-tasks)");
  m.append("; each task holds a fiber stack. Raise --max-tasks, or start fewer tasks (a worker pool, not a task");
  m.append(" per item)");
  return m;
}

/// The violation of a task failure: a panic, exception or failed expectation; a
/// misuse; a kit call from a foreign thread; a go() past the task bound.
violation failure_violation(const execution_record& r) {
  const auto& f = r.failure;
  violation v;
  using k = task_failure::kind_t;
  v.kind = f.kind == k::panic          ? violation_kind::panic
           : f.kind == k::assertion    ? violation_kind::assertion
           : f.kind == k::misuse       ? violation_kind::misuse
           : f.kind == k::uncontrolled ? violation_kind::uncontrolled
           : f.kind == k::task_limit   ? violation_kind::task_limit
                                       : violation_kind::exception;
  v.task = f.task;
  v.message = f.kind == k::misuse         ? misuse_message(f)
              : f.kind == k::uncontrolled ? uncontrolled_message(f)
              : f.kind == k::task_limit   ? task_limit_message(f, r.tasks.size())
                                          : f.message;
  v.loc = f.loc;
  v.tasks = tasks_named(r, v);
  return v;
}

/// The step-limit violation when the bound was passed while a timer fired: the
/// task that kept running beside it (its operations end the trace), or a ticker
/// nobody stopped that keeps firing after the tasks are done.
violation timers_kept_firing(const execution_record& r, const std::string& msg) {
  constexpr std::size_t tail = 8;  // a looping task shows up among the last few events
  violation v;
  v.kind = violation_kind::step_limit;
  v.message = msg + ": timers kept firing";
  for (std::size_t i = r.events.size(), seen = 0; i-- > 0 && seen < tail; ++seen) {
    const trace_event& e = r.events[i];
    if (e.kind != event_kind::op || e.task < 0) continue;
    const trace_task& t = r.tasks[e.task];
    if (t.state != task_state::finished) {
      v.task = t.id;
      v.message = msg + ": " + task_label(r, t.id) + " was still running";
      v.loc = t.op_loc;
      v.tasks = tasks_named(r, v);
      return v;
    }
    break;
  }
  for (auto it = r.events.rbegin(); it != r.events.rend(); ++it) {
    if (it->kind != event_kind::timer_fire) continue;
    const trace_object* o = r.object(it->obj);
    if (o && o->label == "ticker") {
      v.object = object_of(r, o->id);
      v.loc = o->loc;
      v.fixes = {{fix_kind::stop_ticker, o->id, 0, o->loc}};
      v.message = msg + ": " + object_name(r, o->id) + " (made at " + where(o->loc) +
                  ") was never stopped and keeps ticking after every task ended; stop it (defer t.stop())";
    }
    break;
  }
  return v;
}

/// The step-limit violation: the task that ran when the bound was passed.
violation step_limit_violation(const execution_record& r) {
  std::string msg = "no termination within " + std::to_string(r.steps - 1) + " steps";
  if (r.running < 0) return timers_kept_firing(r, msg);
  violation v;
  v.kind = violation_kind::step_limit;
  v.task = r.running;
  v.message = msg + ": " + task_label(r, r.running) + " was still running";
  v.loc = r.tasks[r.running].op_loc;
  v.tasks = tasks_named(r, v);
  return v;
}

/// The violations of the tasks left at quiescence: lock cycles first, then the
/// others (deadlocks when main is blocked too, leaks otherwise).
std::vector<violation> blocked_violations(const execution_record& r) {
  hold_table holds(r);
  std::vector<std::vector<lock_wait>> graph(r.tasks.size());
  for (const auto& t : r.tasks)
    if (t.state == task_state::blocked) graph[t.id] = waits_for(r, holds, t);
  const bool main_blocked = !r.tasks.empty() && r.tasks[0].state != task_state::finished;
  std::vector<violation> cycles, others;
  for (const auto& t : r.tasks) {
    if (t.state == task_state::finished) continue;
    violation v = blocked_violation(r, t, holds, graph);
    v.kind = !v.cycle.empty() || main_blocked ? violation_kind::deadlock : violation_kind::leak;
    (v.cycle.empty() ? others : cycles).push_back(std::move(v));
  }
  cycles.insert(cycles.end(), std::make_move_iterator(others.begin()), std::make_move_iterator(others.end()));
  return cycles;
}

/// The violations of the tasks the mid-run leak check named in an execution that
/// never reached quiescence (a server loop at its step bound): leaks, each saying
/// when and why it became certain.
std::vector<violation> midrun_violations(const execution_record& r) {
  hold_table holds(r);
  std::vector<std::vector<lock_wait>> graph(r.tasks.size());
  std::vector<violation> out;
  for (const leak_found& f : r.leaks_found)
    for (std::int32_t id : f.tasks) {
      violation v = blocked_violation(r, r.tasks[static_cast<std::size_t>(id)], holds, graph);
      v.kind = violation_kind::leak;
      v.message += "; " + midrun_phrase(r, f);
      out.push_back(std::move(v));
    }
  return out;
}

/// Adds to each violation of a task the mid-run check named when it became certain.
std::vector<violation> with_midrun_phrases(const execution_record& r, std::vector<violation> vs) {
  for (violation& v : vs)
    for (const leak_found& f : r.leaks_found)
      if (std::find(f.tasks.begin(), f.tasks.end(), v.task) != f.tasks.end()) v.message += "; " + midrun_phrase(r, f);
  return vs;
}

}  // namespace

std::vector<violation> find_violations(const execution_record& r) {
  switch (r.stop) {
    case stop_reason::failure: return {failure_violation(r)};
    case stop_reason::step_limit:
      if (!r.leaks_found.empty()) return midrun_violations(r);
      return {step_limit_violation(r)};
    case stop_reason::aborted:
    case stop_reason::pruned: return {};
    case stop_reason::quiescent: break;
  }
  return with_midrun_phrases(r, blocked_violations(r));
}

}  // namespace chancheck::detail
