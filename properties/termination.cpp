// termination.cpp: termination, deadlock, panics, exceptions, expectations and
// the step bound, read off a finished execution_record.
#include "properties/termination.hpp"

namespace chancheck {

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
      if (t) msg += ": task " + t->name + " was still running";
      else msg += ": timers kept firing";
      out.push_back({violation_kind::step_limit, r.running, msg, t ? t->op_loc : trace_loc{}});
      return out;
    }
    case stop_reason::aborted: return out;
    case stop_reason::quiescent: break;
  }
  bool main_blocked = !r.tasks.empty() && r.tasks[0].state != task_state::finished;
  for (const auto& t : r.tasks) {
    if (t.state == task_state::finished) continue;
    violation v;
    v.kind = main_blocked ? violation_kind::deadlock : violation_kind::leak;
    v.task = t.id;
    v.loc = t.op_loc;
    v.message = "task " + t.name + " is blocked forever in " + to_string(t.op);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace chancheck
