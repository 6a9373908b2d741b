// object_sides.cpp: the two-sided objects of dpor's dependence (see object_sides.hpp).
#include <chancheck/harness/engine/object_sides.hpp>

#include <algorithm>

namespace chancheck::detail {

void object_sides::clear() {
  objects_.assign(1, object_state{});  // id 0: no object
}

void object_sides::add(object_kind kind, std::uint64_t cap) {
  object_state o;
  o.kind = kind == object_kind::chan && cap == 0 ? chan_sides
           : kind == object_kind::mutex          ? lock_sides
           : kind == object_kind::wait_group     ? wait_sides
           : kind == object_kind::semaphore      ? sem_sides
           : kind == object_kind::rwmutex        ? rw_reads
           : kind == object_kind::once           ? once_sides
                                                 : whole;
  if (kind == object_kind::semaphore) o.size = static_cast<std::int64_t>(cap);
  objects_.push_back(std::move(o));
}

std::int64_t& object_sides::units(object_state& o, int t) {
  if (o.units.size() <= static_cast<std::size_t>(t)) o.units.resize(static_cast<std::size_t>(t) + 1, 0);
  return o.units[static_cast<std::size_t>(t)];
}

std::uint32_t object_sides::side_of(const op_desc& op, int t) const {
  if (op.obj >= objects_.size()) return 0;
  const object_state& o = objects_[op.obj];
  switch (op.kind) {
    case op_kind::send: return o.kind == chan_sides ? op.obj : 0;
    case op_kind::recv: return o.kind == chan_sides ? op.obj | second_side : 0;
    case op_kind::lock: return o.kind == lock_sides ? op.obj : 0;
    case op_kind::rlock: return o.kind == rw_reads && o.writers == 0 ? op.obj | read_access : 0;
    case op_kind::runlock: {  // a read only while every reader counted holds a read lock of its own
      if (o.kind != rw_reads || o.writers > 0 || o.count != o.size) return 0;
      const bool holds = static_cast<std::size_t>(t) < o.units.size() && o.units[static_cast<std::size_t>(t)] > 0;
      return holds ? op.obj | read_access : 0;
    }
    case op_kind::unlock: return o.kind == lock_sides && o.holder == t ? op.obj | second_side : 0;
    case op_kind::wg_add:
    case op_kind::wg_done:
      return o.kind == wait_sides ? wait_group_change(op.obj, op.kind == op_kind::wg_done ? -1 : op.arg) : 0;
    case op_kind::once:  // the first call runs the function; the others only wait for its end
      return o.kind != once_sides ? 0 : o.count == 0 ? op.obj : op.obj | read_access;
    case op_kind::wg_wait:
      // Parked or passing, a wait reads the second side: it ends after the last decrement either way.
      return o.kind == wait_sides ? (op.obj | second_side) | read_access : 0;
    case op_kind::sem_acquire: return o.kind == sem_sides ? op.obj : 0;
    case op_kind::sem_release: {
      if (o.kind != sem_sides || op.arg < 0 || o.stolen) return 0;
      const bool holds = static_cast<std::size_t>(t) < o.units.size() && o.units[static_cast<std::size_t>(t)] >= op.arg;
      return holds ? op.obj | second_side : 0;
    }
    default: return 0;
  }
}

std::uint32_t object_sides::wait_group_change(std::uint32_t obj, std::int64_t delta) const {
  if (delta >= 0 || objects_[obj].count + delta < 0) return 0;  // an add, or a panic below zero
  return obj | read_access;  // the last decrement too: which one is last changes nothing
}

std::int32_t object_sides::wait_group_op(object_state& o, const op_desc& op, std::int32_t step) {
  if (op.kind == op_kind::wg_wait) return o.count == 0 ? o.last_release : -1;  // passes: after the last decrement
  if (op.kind != op_kind::wg_add && op.kind != op_kind::wg_done) return -1;
  const std::int64_t before = o.count;
  o.count += op.kind == op_kind::wg_done ? -1 : op.arg;
  if (before > 0 && o.count == 0) o.last_release = step;
  return -1;
}

std::int32_t object_sides::begin_op(const op_desc& op, int t, std::int32_t step) {
  if (op.obj >= objects_.size()) return -1;
  object_state& o = objects_[op.obj];
  switch (o.kind) {
    case wait_sides: return wait_group_op(o, op, step);
    case sem_sides: return t >= 0 ? semaphore_op(o, op, t, step) : -1;
    case lock_sides: return mutex_op(o, op, t, step);
    case rw_reads:
      if (t >= 0) rwmutex_op(o, op, t);
      return -1;
    case once_sides:
      if (op.kind != op_kind::once) return -1;
      ++o.count;
      return o.last_release;  // passes: after the end
    default: return -1;
  }
}

void object_sides::rwmutex_op(object_state& o, const op_desc& op, int t) {
  switch (op.kind) {
    case op_kind::lock:  // it holds the lock at once when nobody does, or waits
      o.active = o.active || (o.writers == 0 && o.count == 0);
      ++o.writers;
      return;
    case op_kind::unlock:  // fatal unless a writer holds it; else the queued readers come in
      if (!o.active) return;
      o.active = false;
      --o.writers;
      for (std::int32_t r : o.queued) ++units(o, r);
      o.count += static_cast<std::int64_t>(o.queued.size());
      o.size += static_cast<std::int64_t>(o.queued.size());
      o.queued.clear();
      o.active = o.writers > 0 && o.count == 0;
      return;
    case op_kind::rlock:
      if (o.writers > 0) {
        o.queued.push_back(t);
      } else {
        ++o.count, ++o.size;
        ++units(o, t);
      }
      return;
    case op_kind::runlock:  // fatal with no reader; the last reader out lets a waiting writer in
      if (o.count == 0) return;
      --o.count;
      if (std::int64_t& held = units(o, t); held > 0) --held, --o.size;
      o.active = o.active || (o.writers > 0 && o.count == 0);
      return;
    default: return;
  }
}

std::int32_t object_sides::semaphore_op(object_state& o, const op_desc& op, int t, std::int32_t step) {
  const std::int64_t k = op.arg;
  if (op.kind == op_kind::sem_release) {
    std::int64_t& held = units(o, t);
    o.stolen = o.stolen || held < k;  // from now on a holder's release may find the units gone
    held = held > k ? held - k : 0;
    // Every release counts, also one that may panic: a partner too early is still ordered before.
    o.releases.emplace_back(step, (o.releases.empty() ? 0 : o.releases.back().second) + k);
    return -1;
  }
  if (op.kind != op_kind::sem_acquire) return -1;
  units(o, t) += k;  // it holds them once it returns
  o.covering = -1;
  if (k > o.size) return -1;  // never admitted, and it holds nobody up
  o.count += k;
  const std::int64_t need = o.count - o.size;  // units the releases must have given back
  if (need <= 0) return -1;
  auto it =
      std::lower_bound(o.releases.begin(), o.releases.end(), need,
                       [](const std::pair<std::int32_t, std::int64_t>& r, std::int64_t n) { return r.second < n; });
  if (it == o.releases.end()) return -1;  // none yet: it waits, and the release that admits it wakes it
  o.covering = it - o.releases.begin();
  return it->first;
}

std::int32_t object_sides::mutex_op(object_state& o, const op_desc& op, int t, std::int32_t step) {
  switch (op.kind) {
    case op_kind::lock:
      if (o.holder >= 0) return -1;  // it waits: the unlock that hands the lock over wakes it
      o.holder = t;
      return o.last_release;
    case op_kind::try_lock:
      if (o.holder < 0) o.holder = t;
      return -1;
    case op_kind::unlock: release(op.obj, t, step); return -1;
    default: return -1;
  }
}

std::uint32_t object_sides::release(std::uint32_t obj, int t, std::int32_t step) {
  object_state& o = objects_[obj];
  const std::uint32_t side = o.holder == t ? obj | second_side : 0;
  o.holder = -1;  // a waiter it hands the lock to holds it once woken (woken())
  o.last_release = step;
  return side;
}

object_sides::wake object_sides::woken(const op_desc& op, int t) {
  if (op.obj >= objects_.size()) return wake::whole;
  object_state& o = objects_[op.obj];
  switch (op.kind) {
    case op_kind::send:
    case op_kind::recv: return o.kind == chan_sides ? wake::rendezvous : wake::whole;
    case op_kind::lock:
      if (o.kind != lock_sides) return wake::whole;
      o.holder = t;
      return wake::side;
    case op_kind::wg_wait: return o.kind == wait_sides ? wake::side : wake::whole;
    case op_kind::sem_acquire: return o.kind == sem_sides ? wake::side : wake::whole;
    case op_kind::once: return o.kind == once_sides ? wake::side : wake::whole;
    default: return wake::whole;
  }
}

}  // namespace chancheck::detail
