// object_sides.cpp: the two-sided objects of dpor's dependence (see object_sides.hpp).
#include <chancheck/harness/engine/object_sides.hpp>

namespace chancheck::detail {

void object_sides::clear() {
  kind_.assign(1, whole);  // id 0: no object
  holder_.assign(1, -1);
  last_release_.assign(1, -1);
  count_.assign(1, 0);
}

void object_sides::add(object_kind kind, std::uint64_t cap) {
  kind_.push_back(kind == object_kind::chan && cap == 0 ? chan_sides
                  : kind == object_kind::mutex          ? lock_sides
                  : kind == object_kind::wait_group     ? wait_sides
                                                        : whole);
  holder_.push_back(-1);
  last_release_.push_back(-1);
  count_.push_back(0);
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
  return (op.kind == op_kind::send || op.kind == op_kind::recv) && kind_[op.obj] == chan_sides;
}

}  // namespace chancheck::detail
