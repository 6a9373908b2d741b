// task_groups.cpp: the independent groups of an execution (see task_groups.hpp).
#include <chancheck/harness/strategies/dpor/task_groups.hpp>

#include <algorithm>

namespace chancheck::detail {

namespace {

std::uint32_t task_group(const execution_record& r, std::int32_t t) {
  while (t > 0 && static_cast<std::size_t>(t) < r.tasks.size() && r.tasks[t].parent > 0) t = r.tasks[t].parent;
  if (t <= 0 || static_cast<std::size_t>(t) >= r.tasks.size()) return 0;
  std::uint32_t g = 1;  // main's children in the order main started them
  for (std::int32_t u = 1; u < t; ++u)
    if (r.tasks[u].parent == 0) ++g;
  return g;
}

}  // namespace

std::uint32_t group_of(const execution_record& r, std::int32_t proc) {
  for (int hops = 0; proc < 0 && hops < 64; ++hops) {  // a timer: the group of what armed it
    std::uint64_t id = proc_timer(proc);
    std::int32_t by = 0;
    for (const timer_step& t : r.timer_log)
      if (t.kind == timer_step::kind_t::arm && t.id == id) {
        by = t.by;
        break;
      }
    proc = by;
  }
  return proc < 0 ? 0 : task_group(r, proc);
}

bool independent_groups(const execution_record& r, std::vector<std::uint32_t>& step_group, std::uint32_t& count,
                        std::vector<trace_loc>& roots) {
  const auto& log = r.step_log;
  step_group.assign(log.size(), 0);
  std::vector<std::uint32_t> task_g(r.tasks.size(), 0);
  count = 1;
  roots.assign(1, trace_loc{});
  for (std::size_t t = 1; t < r.tasks.size(); ++t) {
    std::int32_t p = r.tasks[t].parent;
    if (p == 0) roots.push_back(r.tasks[t].spawned_at);
    task_g[t] = p == 0 ? count++ : p > 0 && static_cast<std::size_t>(p) < t ? task_g[p] : 0;
  }
  std::vector<std::int64_t> timer_g(r.timers + 1, -1);
  std::vector<std::int64_t> object_g(r.objects.size() + 1, -1);
  std::size_t next_arm = 0;
  for (std::size_t j = 0; j < log.size(); ++j) {
    const trace_step& st = log[j];
    std::uint32_t g = 0;
    if (st.proc >= 0) {
      g = static_cast<std::size_t>(st.proc) < task_g.size() ? task_g[st.proc] : 0;
    } else {
      std::uint64_t id = proc_timer(st.proc);
      g = id < timer_g.size() && timer_g[id] >= 0 ? static_cast<std::uint32_t>(timer_g[id]) : 0;
    }
    step_group[j] = g;
    for (; next_arm < r.timer_log.size() && r.timer_log[next_arm].step <= static_cast<std::int32_t>(j); ++next_arm) {
      const timer_step& t = r.timer_log[next_arm];
      if (t.kind != timer_step::kind_t::arm || t.id >= timer_g.size()) continue;
      if (t.by >= 0)
        timer_g[t.id] = static_cast<std::size_t>(t.by) < task_g.size() ? task_g[t.by] : 0;
      else if (proc_timer(t.by) < timer_g.size() && timer_g[proc_timer(t.by)] >= 0)
        timer_g[t.id] = timer_g[proc_timer(t.by)];
      for (std::uint32_t k = 0; k < t.preds_count; ++k) {  // waiting for another group's timer couples them
        std::uint64_t q = r.timer_preds[t.preds_begin + k];
        if (q < timer_g.size() && timer_g[q] >= 0 && timer_g[q] != timer_g[t.id]) return false;
      }
    }
    for (std::uint32_t a = 0; a < st.access_count; ++a) {
      const std::uint32_t raw = r.access[st.access_begin + a];
      const std::uint32_t acc = side_owner(raw);  // an object's two sides are one object to groups
      if (acc == clock_object || acc == quiet_object) {
        // A ticker re-armed: every arming depends on it; an early tick: every group's waits do.
        if (!(raw & read_access)) return false;
        continue;
      }
      if (acc >= object_g.size()) continue;
      if (object_g[acc] < 0)
        object_g[acc] = g;
      else if (object_g[acc] != static_cast<std::int64_t>(g))
        return false;
    }
  }
  return true;
}

}  // namespace chancheck::detail
