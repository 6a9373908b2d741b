// timer_order.cpp: the timer edges of happens-before (see timer_order.hpp).
#include <chancheck/harness/strategies/dpor/timer_order.hpp>

namespace chancheck::detail {

void timer_order::reset(const execution_record& r) {
  r_ = &r;
  arm_step_.assign(r.timers + 1, -1);
  deadline_.assign(r.timers + 1, 0);
  removed_at_.assign(r.timers + 1, -1);
  arm_entry_.assign(r.timers + 1, 0);
  fired_at_.assign(r.step_log.size(), 0);
  last_tick_.assign(r.timers + 1, 0);
  removals_.clear();
  fires_.clear();
  follows_.clear();
  next_arm_ = 0;
  for (const timer_step& t : r.timer_log) {
    if (t.id > r.timers) continue;
    if (t.kind == timer_step::kind_t::follow) {
      follows_.push_back(t);
    } else if (t.kind == timer_step::kind_t::arm) {
      if (t.chain <= r.timers) last_tick_[t.chain] = t.id;
      arm_step_[t.id] = t.step;
      deadline_[t.id] = t.deadline;
      arm_entry_[t.id] = static_cast<std::size_t>(&t - r.timer_log.data());
    } else {
      removals_.push_back(t);
      removed_at_[t.id] = t.step;
      if (t.kind == timer_step::kind_t::fire && t.step >= 0 && static_cast<std::size_t>(t.step) < r.step_log.size())
        fired_at_[t.step] = t.id;
    }
  }
}

void timer_order::join_recorded(vector_clocks& hb, clock_ref& vc, std::size_t j, const timer_step& a) const {
  for (std::uint32_t k = 0; k < a.preds_count; ++k) {
    std::uint64_t q = r_->timer_preds[a.preds_begin + k];
    if (q <= r_->timers && removed_at_[q] >= 0 && static_cast<std::size_t>(removed_at_[q]) < j)
      hb.join(vc, removed_at_[q]);
  }
}

void timer_order::join_predecessors(vector_clocks& hb, clock_ref& vc, std::size_t j, std::uint64_t id) const {
  if (id > r_->timers) return;
  hb.join(vc, arm_step_[id]);
  if (r_->causal_time) {  // the removal of its predecessors
    const timer_step& arm = r_->timer_log[arm_entry_[id]];
    join_recorded(hb, vc, j, arm);
    // The timers due earlier that its arming had seen, gone by then: armed first,
    // it would have waited for them. (A ticker's ticks are left out: its chain
    // names the first tick only.)
    for (std::uint32_t k = 0; k < arm.gone_count; ++k) {
      const std::uint64_t q = r_->timer_preds[arm.preds_begin + arm.preds_count + k];
      if (q <= r_->timers && last_tick_[q] == q && deadline_[q] < deadline_[id] && removed_at_[q] >= 0 &&
          static_cast<std::size_t>(removed_at_[q]) < j)
        hb.join(vc, removed_at_[q]);
    }
    for (const timer_step& f : follows_)
      if (f.id == id) join_recorded(hb, vc, j, f);
  } else {  // the removal of every timer due earlier
    for (const timer_step& t : removals_) {
      if (static_cast<std::size_t>(t.step) >= j) break;
      if (t.deadline < deadline_[id]) hb.join(vc, t.step);
    }
  }
}

namespace {
/// True when `step` (-1: before the first step) comes before step i.
bool before(std::int64_t step, std::size_t i) { return step < static_cast<std::int64_t>(i); }
}  // namespace

bool timer_order::armed_then(std::uint64_t q, std::size_t i) const {
  return q <= r_->timers && before(arm_step_[q], i) && !(removed_at_[q] >= 0 && before(removed_at_[q], i));
}

std::uint64_t timer_order::armed_at(std::uint64_t chain, std::size_t i) const {
  std::uint64_t id = 0;
  for (const timer_step& t : r_->timer_log)
    if (t.kind == timer_step::kind_t::arm && t.chain == chain && armed_then(t.id, i)) id = t.id;
  return id;
}

bool timer_order::waits_then(const timer_step& a, std::size_t i, std::vector<std::uint64_t>* out) const {
  bool waits = false;
  for (std::uint32_t k = 0; k < a.preds_count; ++k)
    if (const std::uint64_t q = r_->timer_preds[a.preds_begin + k]; armed_then(q, i)) {
      if (!out) return true;
      out->push_back(q);
      waits = true;
    }
  return waits;
}

void timer_order::armed_predecessors(std::uint64_t chain, std::size_t i, std::vector<std::uint64_t>& out) const {
  out.clear();
  const std::uint64_t id = armed_at(chain, i);
  if (id == 0 || !r_->causal_time) return;
  waits_then(r_->timer_log[arm_entry_[id]], i, &out);
  for (const timer_step& f : follows_)
    if (f.id == id && before(f.step, i)) waits_then(f, i, &out);
}

bool timer_order::held_at(std::uint64_t chain, std::size_t i) const {
  const std::uint64_t id = armed_at(chain, i);
  if (id == 0) return false;
  if (waits_then(r_->timer_log[arm_entry_[id]], i, nullptr)) return false;
  for (const timer_step& f : follows_)
    if (f.id == id && before(f.step, i) && waits_then(f, i, nullptr)) return false;
  return true;
}

void timer_order::arm_conflicts(std::size_t j, std::vector<std::int64_t>& out) {
  out.clear();
  const auto& log = r_->timer_log;
  for (; next_arm_ < log.size() && log[next_arm_].step <= static_cast<std::int32_t>(j); ++next_arm_) {
    const timer_step& t = log[next_arm_];
    if (r_->causal_time || t.kind != timer_step::kind_t::arm || t.step != static_cast<std::int32_t>(j)) continue;
    for (const timer_step& f : fires_)
      if (f.deadline > t.deadline) out.push_back(f.step);
  }
}

void timer_order::note_firing(std::size_t j) {
  std::uint64_t id = fired_at_[j];
  if (id <= r_->timers)
    fires_.push_back(timer_step{timer_step::kind_t::fire, static_cast<std::int32_t>(j), id, deadline_[id]});
}

}  // namespace chancheck::detail
