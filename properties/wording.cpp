// wording.cpp: the words for a violation's records.
#include <chancheck/properties/wording.hpp>

#include <algorithm>

#include <chancheck/properties/naming.hpp>

namespace chancheck::detail {

namespace {
/// The distinct locations of `ls`, ", "-separated, in order.
std::string distinct_lines(const std::vector<trace_loc>& ls) {
  std::string s;
  std::vector<std::string> seen;
  for (const auto& l : ls) {
    std::string w = where(l);
    if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
    seen.push_back(w);
    s += (s.empty() ? "" : ", ") + w;
  }
  return s;
}

std::string times(std::size_t n) { return std::to_string(n) + (n == 1 ? " time" : " times"); }

/// How an exclusive hold on `obj` is described: "locked", "acquired".
std::string held_word(const execution_record& r, std::uint32_t obj) {
  const char* held = info(r.kind_of(obj)).held;
  return held ? held : "locked";
}
}  // namespace

std::string holder_phrase(const execution_record& r, const lock_wait& w) {
  const lock_holder& h = w.holder;
  const std::string who = task_label(r, h.task) + (h.task == w.waiter ? " itself" : "");
  const std::string at = where(h.at);
  switch (h.how) {
    case hold_kind::once_running: return "whose function runs in " + who + " (called at " + at + ")";
    case hold_kind::locked: return "held by " + who + " (" + held_word(r, h.obj) + " at " + at + ")";
    case hold_kind::read_locked: return "read-locked by " + who + " (at " + at + ")";
    case hold_kind::write_locked:
    case hold_kind::writer_waiting:
      if (w.op != op_kind::rlock) return "claimed by writer " + who + " (lock at " + at + ")";
      return std::string(h.how == hold_kind::write_locked ? "held" : "waited for") + " by writer " + who +
             " (lock at " + at + "), and a writer that holds or waits keeps new readers out";
  }
  return {};
}

std::string wait_phrase(const execution_record& r, const lock_wait& w) {
  const std::string name = object_name(r, w.holder.obj);
  const char* words = info(w.op).wait_words;
  if (w.op == op_kind::lock && r.kind_of(w.holder.obj) == object_kind::rwmutex) words = "waits to write-lock";
  std::string what = std::string(words ? words : "waits to lock") + " " + name;
  return task_label(r, w.waiter) + " " + what + ", " + holder_phrase(r, w);
}

std::vector<std::string> cycle_parts(const execution_record& r, const std::vector<lock_wait>& cycle) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < cycle.size(); ++i) out.push_back((i ? "" : "lock cycle: ") + wait_phrase(r, cycle[i]));
  if (cycle.size() == 1 && cycle.front().op == op_kind::lock) out.push_back("Go's locks are not reentrant");
  return out;
}

std::string holder_state(const execution_record& r, const lock_holder& holder) {
  const std::int32_t task = holder.task;
  const trace_task& h = r.tasks[task];
  if (h.state == task_state::finished) {
    const char* undone = info(r.kind_of(holder.obj)).release_words;
    return task_label(r, task) + " returned without " + (undone ? undone : "unlocking it");
  }
  return task_label(r, task) + " is blocked itself, in " + op_phrase(r, h.op, h.obj) + " at " + where(h.op_loc);
}

std::string holds_phrase(const execution_record& r, const std::vector<lock_holder>& holds) {
  std::string s;
  for (const auto& h : holds) {
    const std::string how = h.how == hold_kind::read_locked    ? "read-locked"
                            : h.how == hold_kind::write_locked ? "write-locked"
                                                               : held_word(r, h.obj);
    s += (s.empty() ? "it holds " : ", ") + object_name(r, h.obj) + " (" + how + " at " + where(h.at) + ")";
  }
  return s;
}

std::vector<std::string> history_parts(const execution_record& r, const violation& v) {
  const wait_history& h = v.history;
  if (v.blocked.op == op_kind::wg_wait) {
    std::string s = "the counter of " + object_name(r, v.blocked.obj) + " never went back to zero: add called " +
                    times(h.adds.size());
    if (!h.adds.empty()) s += " (at " + distinct_lines(h.adds) + ")";
    s += ", done called " + times(h.dones.size());
    if (!h.dones.empty()) s += " (at " + distinct_lines(h.dones) + ")";
    return {s};
  }
  if (v.blocked.op != op_kind::cond_wait) return {};
  std::vector<std::string> out{"nothing signals " + object_name(r, v.blocked.obj) + " after this wait began"};
  if (const std::size_t n = h.lost_signals.size(); n > 0)
    out.push_back(std::to_string(n) + (n == 1 ? " signal" : " signals") + " before it (at " +
                  distinct_lines(h.lost_signals) + ") found no waiter and " + (n == 1 ? "was" : "were") + " lost");
  return out;
}

std::vector<std::string> blocked_details(const execution_record& r, const violation& v) {
  std::vector<std::string> out;
  if (!v.cycle.empty()) {
    out = cycle_parts(r, v.cycle);
  } else if (!v.waits.empty()) {  // every holder of what it waits for; for an rwmutex or a once, the first
    const bool all = info(v.object.kind).waits == wait_rule::holders;
    for (std::size_t i = 0; i < (all ? v.waits.size() : 1); ++i) {
      const lock_wait& w = v.waits[i];
      out.push_back(holder_phrase(r, w));
      if (w.holder.task != w.waiter) out.push_back(holder_state(r, w.holder));
    }
  }
  for (auto& h : history_parts(r, v)) out.push_back(std::move(h));
  if (!v.holds.empty()) out.push_back(holds_phrase(r, v.holds));
  return out;
}

std::string blocked_message(const execution_record& r, const violation& v) {
  std::string s = task_label(r, v.task) + " is blocked forever in ";
  if (info(v.blocked.op).names_object)  // sync operations with their object; channel operations by name alone
    s += op_phrase(r, v.blocked.op, v.blocked.obj);
  else
    s += to_string(v.blocked.op);
  const std::vector<std::string> details = blocked_details(r, v);
  for (std::size_t i = 0; i < details.size(); ++i) s += (i ? "; " : ": ") + details[i];
  return s;
}

std::string other_side_phrase(const execution_record& r, const other_side& s) {
  std::string took = s.taken_index < 0 ? "its default case" : case_name(r, s.taken) + " (" + where(s.taken.loc) + ")";
  return task_name(r, s.task) + "'s select at " + where(s.select_at) + " took " + took + " at t=" + ms(s.time_ns) +
         ", not " + case_name(r, s.missed) + " (" + where(s.missed.loc) + "), and " +
         (s.returned ? "returned" : "went on") + " without it";
}

namespace {
/// "task 1 \"handler\" (after f:30)", or "a timer's firing" for task -1.
std::string dropped_by(const execution_record& r, std::int32_t task, const trace_loc& at) {
  if (task < 0) return "a timer's firing";
  std::string s = task_label(r, task);
  if (at.line) s += " (after " + where(at) + ")";
  return s;
}
}  // namespace

std::string midrun_phrase(const execution_record& r, const leak_found& f) {
  // Where in the interleaving below: its entry when traced, else the step.
  auto at_point = [&r](std::uint32_t events, std::uint32_t step) {
    const std::uint32_t entry = r.listed_entries(events);
    return entry ? "entry " + std::to_string(entry) + " of the interleaving" : "step " + std::to_string(step);
  };
  std::string s = "caught mid-run at " + at_point(f.entry, f.step) + ", before quiescence: ";
  if (f.dropped) {
    s += "the last other handle of " + object_name(r, f.obj) + " went away in " + dropped_by(r, f.by, f.at);
  } else {
    s += "it became certain when " + task_label(r, f.by) + " blocked at " + where(f.at);
    if (f.drop_step > 0)
      s += "; the last other handle of " + object_name(r, f.drop_obj) + " went away at " +
           at_point(f.drop_entry, f.drop_step) + " in " + dropped_by(r, f.drop_by, f.drop_at);
  }
  s += "; no task that can still run can reach the channels it waits on";
  return s;
}

}  // namespace chancheck::detail
