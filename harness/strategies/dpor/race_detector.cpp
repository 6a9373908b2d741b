// race_detector.cpp: the races of a finished execution (see race_detector.hpp).
#include <chancheck/harness/strategies/dpor/race_detector.hpp>

#include <algorithm>

namespace chancheck::detail {

void race_detector::analyse(const execution_record& r, const race_handler& on_race) {
  hb_.reset(r);
  carry_.assign(hb_.procs(), -1);
  timers_.reset(r);
  next_stop_ = 0;
  for (std::size_t j = 0; j < r.step_log.size(); ++j) {
    analyse_step(r, j, on_race);
    analyse_stops(r, j, on_race);
  }
  analyse_pending(r, on_race);
}

void race_detector::base_clock(const execution_record& r, const trace_step& st, std::size_t j, clock_ref& vc,
                               std::uint64_t id) {
  std::size_t p = hb_.index(st.proc);
  hb_.join(vc, hb_.last_step_of(p));
  if (p < carry_.size()) hb_.join_wake(vc, carry_[p]);
  if (st.proc >= 0) {
    if (hb_.last_step_of(p) < 0 && st.proc > 0) hb_.join(vc, r.tasks[st.proc].created_step);
    hb_.join_wake(vc, st.woken_by);
  } else {
    timers_.join_predecessors(hb_, vc, j, id);
  }
}

void race_detector::analyse_step(const execution_record& r, std::size_t j, const race_handler& on_race) {
  const trace_step& st = r.step_log[j];
  const std::uint32_t* accs = r.access.data() + st.access_begin;
  std::size_t p = hb_.index(st.proc);
  hb_.begin_clock();
  clock_ref vc = 0;
  const std::uint64_t id = st.proc < 0 ? timers_.fired_at(j) : 0;
  base_clock(r, st, j, vc, id);
  vc = hb_.with(vc, p, hb_.tick(p));
  hb_.find_races(p, vc, accs, st.access_count, races_);
  drop_held_races(r, id);
  drop_unquiet_races(r, j, p, vc);
  timers_.arm_conflicts(j, arm_conflicts_);
  for (std::int64_t i : arm_conflicts_)
    if (hb_.racing(i, p, vc)) races_.push_back(i);
  hb_.join_dependencies(vc, accs, st.access_count);
  for (std::int64_t i : arm_conflicts_) hb_.join(vc, i);
  for (std::int64_t i : races_) on_race(static_cast<std::size_t>(i), j, st.proc, vc);
  if (st.partner >= 0) carry_[p] = st.partner;  // orders what its task does next (see carry_)
  if (st.proc < 0) timers_.note_firing(j);
  hb_.record(j, p, vc, accs, st.access_count);
}

void race_detector::drop_held_races(const execution_record& r, std::uint64_t id) {
  if (id == 0) return;
  const auto held = [&](std::int64_t i) {
    const auto k = static_cast<std::size_t>(i);
    return r.step_log[k].proc >= 0 && timers_.quiet_only_before(id, k);
  };
  const std::vector<std::int64_t>& writes = hb_.racing_writes();
  const std::int64_t latest = writes.empty() ? -1 : *std::max_element(writes.begin(), writes.end());
  if (std::erase_if(races_, held) == 0 || latest < 0 || !held(latest)) return;
  // The racing writes find_races() left out as ordered before the latest, when that
  // was the one dropped: no reversal of it brings them forward now.
  for (std::int64_t w : writes)
    if (!held(w) && std::find(races_.begin(), races_.end(), w) == races_.end()) races_.push_back(w);
}

void race_detector::drop_unquiet_races(const execution_record& r, std::size_t j, std::size_t p, clock_ref vc) {
  const trace_step& st = r.step_log[j];
  const std::uint32_t* accs = r.access.data() + st.access_begin;
  const std::uint32_t* end = accs + st.access_count;
  const std::uint32_t* quiet = std::find(accs, end, quiet_object | read_access);
  if (quiet == end || races_.empty()) return;
  accs_.assign(accs, quiet);
  accs_.insert(accs_.end(), quiet + 1, end);
  hb_.find_races(p, vc, accs_.data(), static_cast<std::uint32_t>(accs_.size()), other_races_);
  // An early tick that find_races() reports only with the quiet read.
  const auto only_quiet = [&](std::int64_t i) {
    const trace_step& t = r.step_log[static_cast<std::size_t>(i)];
    const std::uint32_t* a = r.access.data() + t.access_begin;
    return t.proc < 0 && std::find(a, a + t.access_count, quiet_object) != a + t.access_count &&
           std::find(other_races_.begin(), other_races_.end(), i) == other_races_.end();
  };
  if (std::erase_if(races_, [&](std::int64_t i) {
        return only_quiet(i) && !quiet_without(r, static_cast<std::size_t>(i), j);
      }) == 0)
    return;
  // The races of j's other accesses, the writes left out as ordered before the
  // dropped tick included.
  for (std::int64_t w : other_races_)
    if (std::find(races_.begin(), races_.end(), w) == races_.end()) races_.push_back(w);
}

bool race_detector::quiet_without(const execution_record& r, std::size_t i, std::size_t j) {
  // A witness that j does not leave every task waiting in v = notdep(i).j, nor any
  // step of v before it: a task ready when the tick i fired whose next step comes
  // after i. It takes no step in v, and a ready task stays ready until it runs.
  const std::int32_t pj = r.step_log[j].proc;
  const auto ii = static_cast<std::int32_t>(i);
  seen_.assign(r.tasks.size(), 0);
  for (std::size_t k = i + 1; k < j; ++k) {
    const trace_step& s = r.step_log[k];
    if (s.proc < 0 || s.proc == pj || seen_[static_cast<std::size_t>(s.proc)]) continue;
    seen_[static_cast<std::size_t>(s.proc)] = 1;  // its first step after i
    const bool ready_at_i = s.woken_by >= 0 ? s.woken_by < ii : r.tasks[s.proc].created_step < ii;
    if (ready_at_i && hb_.ordered_after(i, k)) return false;
  }
  return true;
}

void race_detector::analyse_stops(const execution_record& r, std::size_t j, const race_handler& on_race) {
  const auto& log = r.timer_log;
  for (; next_stop_ < log.size() && log[next_stop_].step <= static_cast<std::int32_t>(j); ++next_stop_) {
    const timer_step& t = log[next_stop_];
    if (t.kind != timer_step::kind_t::stop || t.obj == 0 || t.step != static_cast<std::int32_t>(j)) continue;
    trace_step vs;
    vs.proc = timer_proc(t.chain);
    vs.access_count = 1;
    analyse_unrun(r, vs, j + 1, t.id, &t.obj, on_race);
  }
}

void race_detector::analyse_pending(const execution_record& r, const race_handler& on_race) {
  for (const trace_step& st : r.pending_steps) {
    std::uint64_t id = st.proc < 0 && proc_timer(st.proc) <= r.timers ? timers_.last_tick(proc_timer(st.proc)) : 0;
    analyse_unrun(r, st, r.step_log.size(), id, r.access.data() + st.access_begin, on_race);
  }
}

void race_detector::analyse_unrun(const execution_record& r, const trace_step& st, std::size_t j_end, std::uint64_t id,
                                  const std::uint32_t* accs, const race_handler& on_race) {
  hb_.begin_clock();
  clock_ref vc = 0;
  base_clock(r, st, j_end, vc, id);
  std::size_t p = hb_.index(st.proc);
  vc = hb_.with(vc, p, hb_.next_tick(p));
  hb_.find_races(p, vc, accs, st.access_count, races_);
  drop_held_races(r, id);
  hb_.join_dependencies(vc, accs, st.access_count);
  for (std::int64_t i : races_) on_race(static_cast<std::size_t>(i), j_end, st.proc, vc);
}

}  // namespace chancheck::detail
