// reversal_reach.cpp: what the reversals counting on a branch are made of (see reversal_reach.hpp).
#include <chancheck/harness/strategies/dpor/reversal_reach.hpp>

#include <algorithm>

namespace chancheck::detail {

void reversal_reach::makers(const execution_record& r, std::vector<char>& makes) {
  makes.assign(r.step_log.size(), 0);
  auto note = [&](std::int32_t step) {
    if (step >= 0 && static_cast<std::size_t>(step) < makes.size()) makes[static_cast<std::size_t>(step)] = 1;
  };
  for (const trace_task& t : r.tasks) note(t.created_step);
  for (const trace_object& o : r.objects) note(o.made_step);
  for (const timer_step& t : r.timer_log)
    if (t.kind == timer_step::kind_t::arm) note(t.step);
}

void reversal_reach::add(const execution_record& r, std::span<const std::size_t> steps, std::size_t j_end,
                         std::int32_t proc_j, std::span<const char> makes) {
  if (opaque) return;
  const bool j_ran = j_end < r.step_log.size() && r.step_log[j_end].proc == proc_j;
  opaque = !j_ran || steps.size() >= max_steps;
  for (std::size_t k = 0; k < steps.size() && !opaque; ++k) opaque = !add_step(r, steps[k], makes);
  opaque = opaque || !add_step(r, j_end, makes);
  if (opaque)
    procs.clear();
  else
    normalise();
}

bool reversal_reach::add_step(const execution_record& r, std::size_t k, std::span<const char> makes) {
  const trace_step& st = r.step_log[k];
  if (st.proc < 0 || (k < makes.size() && makes[k])) return false;  // a timer's firing, or it made something
  for (std::uint32_t a = st.access_begin; a < st.access_begin + st.access_count; ++a)
    if (access_object(r.access[a]) == quiet_object) return false;
  procs.push_back(st.proc);
  return true;
}

void reversal_reach::merge(const reversal_reach& o) {
  if (opaque) return;
  if (o.opaque) {
    *this = o;
    return;
  }
  procs.insert(procs.end(), o.procs.begin(), o.procs.end());
  normalise();
}

void reversal_reach::normalise() {
  std::sort(procs.begin(), procs.end());
  procs.erase(std::unique(procs.begin(), procs.end()), procs.end());
}

bool reversal_reach::silent_commutes(std::int32_t proc) const {
  return !opaque && proc >= 0 && !std::binary_search(procs.begin(), procs.end(), proc);
}

}  // namespace chancheck::detail
