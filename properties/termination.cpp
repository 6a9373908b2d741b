// termination.cpp: termination, deadlock, panics, exceptions, expectations and
// the step bound, read off a finished execution_record.
//
// Tasks blocked on sync primitives get more than "blocked forever": the locks
// are replayed from the trace's lock/unlock events (with the kit's semantics:
// an unlock hands a mutex to its first queued locker; a writer that claims an
// rwmutex waits for the readers it found and keeps new readers out), which says
// who holds each lock and where it was taken. A task waiting for a lock (or a
// once) points at the task holding it; a cycle of such waits is a deadlock,
// reported first and spelled out, even when main has returned.
#include <chancheck/properties/termination.hpp>

#include <algorithm>
#include <deque>
#include <map>

namespace chancheck::detail {

const char* to_string(violation_kind k) noexcept {
  switch (k) {
    case violation_kind::leak: return "leak";
    case violation_kind::deadlock: return "deadlock";
    case violation_kind::panic: return "panic";
    case violation_kind::exception: return "exception";
    case violation_kind::assertion: return "assertion";
    case violation_kind::step_limit: return "step-limit";
  }
  return "?";
}

bool violates(const execution_record& r) {
  if (r.stop == stop_reason::failure || r.stop == stop_reason::step_limit) return true;
  if (r.stop != stop_reason::quiescent) return false;
  for (const auto& t : r.tasks)
    if (t.state != task_state::finished) return true;
  return false;
}

namespace {

std::string where(const trace_loc& l) {
  if (!l.file || !*l.file) return "?";
  return std::string(l.file) + ":" + std::to_string(l.line);
}

std::string obj_name(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  if (!o) return "nil";
  return (o->label.empty() ? std::string(to_string(o->kind)) : o->label) + "#" + std::to_string(id);
}

object_kind kind_of(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  return o ? o->kind : object_kind::none;
}

std::string task_str(const execution_record& r, std::int32_t id) { return "task " + r.tasks[id].name; }

/// A task and the place where it took (or asked for) a lock.
struct claim {
  std::int32_t task = -1;
  trace_loc loc;
};

/// One lock's state, replayed from the trace.
struct lock_replay {
  bool claimed = false;  ///< mutex: locked; rwmutex: a writer claimed it
  bool active = false;   ///< rwmutex: the claiming writer holds it (no readers left)
  claim owner;           ///< mutex: the holder; rwmutex: the claiming writer
  std::vector<claim> readers;
  std::deque<claim> queue;  ///< mutex: lockers waiting; rwmutex: writers behind the owner
  std::vector<claim> queued_readers;
};

/// Who holds what at the end of an execution: locks and running once functions.
class lock_table {
 public:
  explicit lock_table(const execution_record& r) : r_(r) {
    for (const auto& e : r.events)
      if (e.kind == event_kind::op && e.task >= 0) apply(e);
  }

  const lock_replay* lock(std::uint32_t id) const {
    auto it = locks_.find(id);
    return it == locks_.end() ? nullptr : &it->second;
  }

  /// The task that first called once `id` (whose function runs), if any.
  const claim* once_runner(std::uint32_t id) const {
    auto it = once_.find(id);
    return it == once_.end() ? nullptr : &it->second;
  }

  /// "mutex#1 (locked at f:12), rwmutex#3 (read-locked at f:20)" for the locks task t holds.
  std::string held_by(std::int32_t t) const {
    std::string s;
    auto add = [&](std::string what) { s += (s.empty() ? "" : ", ") + what; };
    for (const auto& [id, l] : locks_) {
      bool rw = kind_of(r_, id) == object_kind::rwmutex;
      if (l.claimed && l.owner.task == t && (!rw || l.active))
        add(obj_name(r_, id) + " (" + (rw ? "write-locked" : "locked") + " at " + where(l.owner.loc) + ")");
      for (const auto& c : l.readers)
        if (c.task == t) add(obj_name(r_, id) + " (read-locked at " + where(c.loc) + ")");
    }
    return s;
  }

 private:
  void apply(const trace_event& e) {
    object_kind k = kind_of(r_, e.obj);
    claim c{e.task, e.loc};
    switch (e.op) {
      case op_kind::lock:
        if (k == object_kind::mutex || k == object_kind::rwmutex) {
          lock_replay& l = locks_[e.obj];
          if (l.claimed) {
            l.queue.push_back(c);
          } else {
            l.claimed = true;
            l.owner = c;
            l.active = l.readers.empty();
          }
        }
        break;
      case op_kind::unlock:
        if (k == object_kind::mutex || k == object_kind::rwmutex) unlock(e.obj, k == object_kind::rwmutex);
        break;
      case op_kind::cond_wait:  // the wait releases the cond's mutex (its id is the cond's cap)
        if (const trace_object* o = r_.object(e.obj); o && o->kind == object_kind::cond)
          unlock(static_cast<std::uint32_t>(o->cap), false);
        break;
      case op_kind::rlock:
        if (k == object_kind::rwmutex) {
          lock_replay& l = locks_[e.obj];
          (l.claimed ? l.queued_readers : l.readers).push_back(c);
        }
        break;
      case op_kind::runlock:
        if (k == object_kind::rwmutex) {
          lock_replay& l = locks_[e.obj];
          if (l.readers.empty()) break;
          auto it = std::find_if(l.readers.begin(), l.readers.end(), [&](const claim& x) { return x.task == e.task; });
          l.readers.erase(it == l.readers.end() ? l.readers.begin() : it);
          if (l.readers.empty() && l.claimed) l.active = true;
        }
        break;
      case op_kind::once:
        if (k == object_kind::once) once_.emplace(e.obj, c);
        break;
      default: break;
    }
  }

  void unlock(std::uint32_t id, bool rw) {
    lock_replay& l = locks_[id];
    if (!l.claimed) return;
    if (rw) {
      l.readers.insert(l.readers.end(), l.queued_readers.begin(), l.queued_readers.end());
      l.queued_readers.clear();
    }
    if (l.queue.empty()) {
      l.claimed = l.active = false;
      l.owner = {};
      return;
    }
    l.owner = l.queue.front();
    l.queue.pop_front();
    l.active = l.readers.empty();
  }

  const execution_record& r_;
  std::map<std::uint32_t, lock_replay> locks_;
  std::map<std::uint32_t, claim> once_;
};

/// An edge of the wait-for graph: `from` cannot go on until `to` releases something.
struct wait_edge {
  std::int32_t to = -1;
  std::string what;    ///< "waits to lock mutex#2"
  std::string holder;  ///< "held by task b (locked at f:21)"
  std::string why(const execution_record& r, std::int32_t from) const {
    return task_str(r, from) + " " + what + ", " + holder;
  }
};

/// The tasks a blocked task waits for, through locks and once.
std::vector<wait_edge> waits_for(const execution_record& r, const lock_table& locks, const trace_task& t) {
  std::vector<wait_edge> out;
  const std::string name = obj_name(r, t.obj);
  auto who = [&](std::int32_t u) { return u == t.id ? task_str(r, u) + " itself" : task_str(r, u); };
  if (t.op == op_kind::once) {
    if (const claim* c = locks.once_runner(t.obj); c && c->task >= 0)
      out.push_back({c->task, "waits for " + name,
                     "whose function runs in " + who(c->task) + " (called at " + where(c->loc) + ")"});
    return out;
  }
  const lock_replay* l = locks.lock(t.obj);
  if (!l || !l->claimed) return out;
  bool rw = kind_of(r, t.obj) == object_kind::rwmutex;
  if (t.op == op_kind::lock && !rw) {
    out.push_back({l->owner.task, "waits to lock " + name,
                   "held by " + who(l->owner.task) + " (locked at " + where(l->owner.loc) + ")"});
  } else if (t.op == op_kind::lock && rw && l->owner.task == t.id && !l->active) {
    for (const auto& c : l->readers)
      out.push_back({c.task, "waits to write-lock " + name,
                     "read-locked by " + who(c.task) + " (at " + where(c.loc) + ")"});
  } else if (t.op == op_kind::lock && rw) {
    out.push_back({l->owner.task, "waits to write-lock " + name,
                   "claimed by writer " + who(l->owner.task) + " (lock at " + where(l->owner.loc) + ")"});
  } else if (t.op == op_kind::rlock && rw) {
    out.push_back({l->owner.task, "waits to read-lock " + name,
                   std::string(l->active ? "held" : "waited for") + " by writer " + who(l->owner.task) + " (lock at " +
                       where(l->owner.loc) + "), and a writer that holds or waits keeps new readers out"});
  }
  return out;
}

/// A cycle of waits through task `start`, as its edges in order; empty when none.
std::vector<const wait_edge*> cycle_through(std::int32_t start, const std::vector<std::vector<wait_edge>>& graph) {
  std::vector<const wait_edge*> path;
  std::vector<char> seen(graph.size(), 0);
  auto dfs = [&](auto& self, std::int32_t u) -> bool {
    for (const auto& e : graph[u]) {
      if (e.to < 0 || e.to >= static_cast<std::int32_t>(graph.size())) continue;
      path.push_back(&e);
      if (e.to == start) return true;
      if (!seen[e.to]) {
        seen[e.to] = 1;
        if (self(self, e.to)) return true;
      }
      path.pop_back();
    }
    return false;
  };
  seen[start] = 1;
  if (!dfs(dfs, start)) path.clear();
  return path;
}

/// What the trace says about a task blocked in a wait group, cond or timer wait.
std::string blocked_detail(const execution_record& r, const trace_task& t) {
  auto lines = [](const std::vector<trace_loc>& ls) {
    std::string s;
    std::vector<std::string> seen;
    for (const auto& l : ls) {
      std::string w = where(l);
      if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
      seen.push_back(w);
      s += (s.empty() ? "" : ", ") + w;
    }
    return s;
  };
  if (t.op == op_kind::wg_wait) {
    std::vector<trace_loc> adds, dones;
    for (const auto& e : r.events)
      if (e.kind == event_kind::op && e.obj == t.obj && (e.op == op_kind::wg_add || e.op == op_kind::wg_done))
        (e.op == op_kind::wg_add ? adds : dones).push_back(e.loc);
    std::string s = "the counter of " + obj_name(r, t.obj) + " never went back to zero: add called " +
                    std::to_string(adds.size()) + (adds.size() == 1 ? " time" : " times");
    if (!adds.empty()) s += " (at " + lines(adds) + ")";
    s += ", done called " + std::to_string(dones.size()) + (dones.size() == 1 ? " time" : " times");
    if (!dones.empty()) s += " (at " + lines(dones) + ")";
    return s;
  }
  if (t.op == op_kind::cond_wait) {
    std::size_t wait_at = 0;  // the event index of this task's last wait on the cond
    for (std::size_t i = 0; i < r.events.size(); ++i) {
      const auto& e = r.events[i];
      if (e.kind == event_kind::op && e.task == t.id && e.op == op_kind::cond_wait && e.obj == t.obj) wait_at = i;
    }
    std::vector<trace_loc> lost;
    for (std::size_t i = 0; i < wait_at; ++i) {
      const auto& e = r.events[i];
      bool signal = e.op == op_kind::cond_signal || e.op == op_kind::cond_broadcast;
      if (e.kind == event_kind::op && e.obj == t.obj && signal) lost.push_back(e.loc);
    }
    std::string s = "nothing signals " + obj_name(r, t.obj) + " after this wait began";
    if (!lost.empty())
      s += "; " + std::to_string(lost.size()) + (lost.size() == 1 ? " signal" : " signals") + " before it (at " +
           lines(lost) + ") found no waiter and " + (lost.size() == 1 ? "was" : "were") + " lost";
    return s;
  }
  return {};
}

/// "lock of mutex#1", "send on chan#2", ...: an operation and its object.
std::string op_phrase(const execution_record& r, op_kind op, std::uint32_t obj) {
  const std::string name = obj_name(r, obj);
  switch (op) {
    case op_kind::send: return "send on " + name;
    case op_kind::recv: return "receive from " + name;
    case op_kind::lock: return "lock of " + name;
    case op_kind::rlock: return "read lock of " + name;
    case op_kind::wg_wait: return "wait on " + name;
    case op_kind::cond_wait: return "wait on " + name;
    case op_kind::once: return "call of " + name;
    default: return std::string(to_string(op)) + (obj ? " " + name : "");
  }
}

/// What the lock holder `u` is doing now, for "held by task b, which ...".
std::string holder_state(const execution_record& r, std::int32_t u) {
  const trace_task& h = r.tasks[u];
  if (h.state == task_state::finished) return task_str(r, u) + " returned without unlocking it";
  return task_str(r, u) + " is blocked itself, in " + op_phrase(r, h.op, h.obj) + " at " + where(h.op_loc);
}

/// The operation a blocked task is reported in: sync operations with their object,
/// channel operations by name alone (the explanation describes the channel).
std::string blocked_in(const execution_record& r, const trace_task& t) {
  switch (t.op) {
    case op_kind::lock:
    case op_kind::rlock:
    case op_kind::wg_wait:
    case op_kind::cond_wait:
    case op_kind::once: return op_phrase(r, t.op, t.obj);
    default: return to_string(t.op);
  }
}

/// The step-limit violation when the bound was passed while a timer fired: the
/// task that kept running beside it (its operations end the trace), or a ticker
/// nobody stopped that keeps firing after the tasks are done.
violation timers_kept_firing(const execution_record& r, const std::string& msg) {
  constexpr std::size_t tail = 8;  // a looping task shows up among the last few events
  for (std::size_t i = r.events.size(), seen = 0; i-- > 0 && seen < tail; ++seen) {
    const trace_event& e = r.events[i];
    if (e.kind != event_kind::op || e.task < 0) continue;
    const trace_task& t = r.tasks[e.task];
    if (t.state != task_state::finished)
      return {violation_kind::step_limit, t.id, msg + ": task " + t.name + " was still running", t.op_loc};
    break;
  }
  for (auto it = r.events.rbegin(); it != r.events.rend(); ++it) {
    if (it->kind != event_kind::timer_fire) continue;
    const trace_object* o = r.object(it->obj);
    if (o && o->label == "ticker")
      return {violation_kind::step_limit, -1,
              msg + ": " + obj_name(r, o->id) + " (made at " + where(o->loc) +
                  ") was never stopped and keeps ticking after every task ended; stop it (defer t.stop())",
              o->loc};
    break;
  }
  return {violation_kind::step_limit, -1, msg + ": timers kept firing", {}};
}

}  // namespace

std::vector<violation> find_violations(const execution_record& r) {
  std::vector<violation> out;
  switch (r.stop) {
    case stop_reason::failure: {
      const auto& f = r.failure;
      violation_kind k = f.kind == task_failure::kind_t::panic       ? violation_kind::panic
                         : f.kind == task_failure::kind_t::assertion ? violation_kind::assertion
                                                                      : violation_kind::exception;
      out.push_back({k, f.task, f.message, f.loc});
      return out;
    }
    case stop_reason::step_limit: {
      const trace_task* t = r.running >= 0 ? &r.tasks[r.running] : nullptr;
      std::string msg = "no termination within " + std::to_string(r.steps - 1) + " steps";
      if (!t) {
        out.push_back(timers_kept_firing(r, msg));
        return out;
      }
      out.push_back(
          {violation_kind::step_limit, r.running, msg + ": task " + t->name + " was still running", t->op_loc});
      return out;
    }
    case stop_reason::aborted:
    case stop_reason::pruned: return out;
    case stop_reason::quiescent: break;
  }

  lock_table locks(r);
  std::vector<std::vector<wait_edge>> graph(r.tasks.size());
  for (const auto& t : r.tasks)
    if (t.state == task_state::blocked) graph[t.id] = waits_for(r, locks, t);

  bool main_blocked = !r.tasks.empty() && r.tasks[0].state != task_state::finished;
  std::vector<violation> cycles, others;
  for (const auto& t : r.tasks) {
    if (t.state == task_state::finished) continue;
    violation v;
    v.task = t.id;
    v.loc = t.op_loc;
    v.message = "task " + t.name + " is blocked forever in " + blocked_in(r, t);
    std::vector<std::string> details;
    auto cycle = cycle_through(t.id, graph);
    if (!cycle.empty()) {
      std::string s = "lock cycle: ";
      std::int32_t from = t.id;
      for (std::size_t i = 0; i < cycle.size(); ++i) {
        s += (i ? "; " : "") + cycle[i]->why(r, from);
        from = cycle[i]->to;
      }
      if (cycle.size() == 1 && t.op == op_kind::lock) s += "; Go's locks are not reentrant";
      details.push_back(s);
    } else if (!graph[t.id].empty()) {
      const wait_edge& e = graph[t.id].front();
      details.push_back(e.holder);
      if (e.to != t.id) details.push_back(holder_state(r, e.to));
    }
    if (std::string d = blocked_detail(r, t); !d.empty()) details.push_back(d);
    if (std::string held = locks.held_by(t.id); !held.empty()) details.push_back("it holds " + held);
    for (std::size_t i = 0; i < details.size(); ++i) v.message += (i ? "; " : ": ") + details[i];
    if (!cycle.empty()) {
      v.kind = violation_kind::deadlock;
      cycles.push_back(std::move(v));
    } else {
      v.kind = main_blocked ? violation_kind::deadlock : violation_kind::leak;
      others.push_back(std::move(v));
    }
  }
  out = std::move(cycles);
  out.insert(out.end(), std::make_move_iterator(others.begin()), std::make_move_iterator(others.end()));
  return out;
}

}  // namespace chancheck::detail
