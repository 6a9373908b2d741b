// object_sides.cpp: the two-sided objects of dpor's dependence (see object_sides.hpp).
#include <chancheck/harness/engine/object_sides.hpp>

#include <algorithm>

namespace chancheck::detail {

void object_sides::clear() {
  kind_.assign(1, whole);  // id 0: no object
  holder_.assign(1, -1);
  last_release_.assign(1, -1);
  count_.assign(1, 0);
  units_.assign(1, {});
  sems_.assign(1, {});
}

void object_sides::add(object_kind kind, std::uint64_t cap) {
  kind_.push_back(kind == object_kind::chan && cap == 0 ? chan_sides
                  : kind == object_kind::mutex          ? lock_sides
                  : kind == object_kind::wait_group     ? wait_sides
                  : kind == object_kind::semaphore      ? sem_sides
                                                        : whole);
  holder_.push_back(-1);
  last_release_.push_back(-1);
  count_.push_back(0);
  units_.emplace_back();
  sems_.push_back(sem_state{kind == object_kind::semaphore ? static_cast<std::int64_t>(cap) : 0, 0, {}});
}

std::int32_t object_sides::acquire_partner(std::uint32_t obj, std::int64_t k) {
  sem_state& s = sems_[obj];
  if (k > s.size) return -1;  // never admitted, and it holds nobody up
  s.acquired += k;
  const std::int64_t need = s.acquired - s.size;  // units the releases must have given back
  if (need <= 0) return -1;
  auto it =
      std::lower_bound(s.releases.begin(), s.releases.end(), need,
                       [](const std::pair<std::int32_t, std::int64_t>& r, std::int64_t n) { return r.second < n; });
  return it == s.releases.end() ? -1 : it->first;  // none yet: it waits, and the release that admits it wakes it
}

std::int64_t& object_sides::units(std::uint32_t obj, int t) {
  auto& held = units_[obj];
  if (held.size() <= static_cast<std::size_t>(t)) held.resize(static_cast<std::size_t>(t) + 1, 0);
  return held[static_cast<std::size_t>(t)];
}

std::uint32_t object_sides::side_of(const op_desc& op, int t) const {
  if (op.obj >= kind_.size()) return 0;
  switch (op.kind) {
    case op_kind::send:
    case op_kind::lock: return kind_[op.obj] == (op.kind == op_kind::send ? chan_sides : lock_sides) ? op.obj : 0;
    case op_kind::recv: return kind_[op.obj] == chan_sides ? op.obj | second_side : 0;
    case op_kind::unlock: return kind_[op.obj] == lock_sides && holder_[op.obj] == t ? op.obj | second_side : 0;
    case op_kind::wg_add:
    case op_kind::wg_done:
      return kind_[op.obj] == wait_sides ? wait_group_change(op.obj, op.kind == op_kind::wg_done ? -1 : op.arg) : 0;
    case op_kind::sem_acquire: return kind_[op.obj] == sem_sides ? op.obj : 0;
    case op_kind::sem_release:
      if (kind_[op.obj] != sem_sides || op.arg < 0) return 0;
      return static_cast<std::size_t>(t) < units_[op.obj].size() &&
                     units_[op.obj][static_cast<std::size_t>(t)] >= op.arg
                 ? op.obj | second_side
                 : 0;
    case op_kind::wg_wait:
      if (kind_[op.obj] != wait_sides) return 0;
      return count_[op.obj] == 0 ? op.obj | read_access : (op.obj | second_side) | read_access;
    default: return 0;
  }
}

std::uint32_t object_sides::wait_group_change(std::uint32_t obj, std::int64_t delta) const {
  const std::int64_t after = count_[obj] + delta;
  if (delta >= 0 || after < 0) return 0;       // an add, or a panic below zero
  return after > 0 ? obj | read_access : obj;  // the last decrement: after the others, and one of them could be it
}

std::int32_t object_sides::begin_op(const op_desc& op, int t, std::int32_t step) {
  if (op.obj < kind_.size() && kind_[op.obj] == wait_sides &&
      (op.kind == op_kind::wg_add || op.kind == op_kind::wg_done))
    count_[op.obj] += op.kind == op_kind::wg_done ? -1 : op.arg;
  if (op.obj < kind_.size() && kind_[op.obj] == sem_sides && t >= 0) {
    if (op.kind == op_kind::sem_acquire) {
      units(op.obj, t) += op.arg;  // it holds them once it returns
      return acquire_partner(op.obj, op.arg);
    }
    if (op.kind == op_kind::sem_release) {
      std::int64_t& held = units(op.obj, t);
      held = held > op.arg ? held - op.arg : 0;
      // Every release counts, also one that may panic: a partner too early is still ordered before.
      auto& r = sems_[op.obj].releases;
      r.emplace_back(step, (r.empty() ? 0 : r.back().second) + op.arg);
    }
  }
  if (!mutex(op.obj)) return -1;
  std::int32_t& holder = holder_[op.obj];
  switch (op.kind) {
    case op_kind::lock:
      if (holder >= 0) return -1;  // it waits: the unlock that hands the lock over wakes it
      holder = t;
      return last_release_[op.obj];
    case op_kind::try_lock:
      if (holder < 0) holder = t;
      return -1;
    case op_kind::unlock: release(op.obj, t, step); return -1;
    default: return -1;
  }
}

std::uint32_t object_sides::release(std::uint32_t obj, int t, std::int32_t step) {
  const std::uint32_t side = holder_[obj] == t ? obj | second_side : 0;
  holder_[obj] = -1;  // a waiter it hands the lock to holds it once woken (woken())
  last_release_[obj] = step;
  return side;
}

bool object_sides::woken(const op_desc& op, int t) {
  if (op.obj >= kind_.size() || kind_[op.obj] == whole) return false;
  if (op.kind == op_kind::lock && kind_[op.obj] == lock_sides) {
    holder_[op.obj] = t;
    return true;
  }
  if (op.kind == op_kind::wg_wait) return kind_[op.obj] == wait_sides;
  if (op.kind == op_kind::sem_acquire) return kind_[op.obj] == sem_sides;
  return (op.kind == op_kind::send || op.kind == op_kind::recv) && kind_[op.obj] == chan_sides;
}

}  // namespace chancheck::detail
