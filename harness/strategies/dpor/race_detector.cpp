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
  base_clock(r, st, j, vc, st.proc < 0 ? timers_.fired_at(j) : 0);
  vc = hb_.with(vc, p, hb_.tick(p));
  hb_.find_races(p, vc, accs, st.access_count, races_);
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
  hb_.join_dependencies(vc, accs, st.access_count);
  for (std::int64_t i : races_) on_race(static_cast<std::size_t>(i), j_end, st.proc, vc);
}

}  // namespace chancheck::detail
