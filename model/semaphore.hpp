// semaphore.hpp: a weighted semaphore, as golang.org/x/sync/semaphore.Weighted.
// semaphore s(n) holds n units. acquire(k) blocks until k units are free, in
// FIFO order: a waiter that does not fit blocks the ones behind it (no barging),
// and a request larger than the size blocks forever without holding up the
// others. try_acquire(k) succeeds only when k units are free and nobody waits.
// release(k) returns units and wakes the waiters that now fit, in order;
// releasing more than is held panics ("semaphore: released more than held").
//
// Written once against a runtime `Rt`, like the mutex. Each unit taken and given
// back is reported to the explorer (note_hold), so a report names the tasks that
// hold units of a semaphore a task waits on forever, and where they acquired them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <source_location>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/controller.hpp>
#include <chancheck/model/mutex.hpp>
#include <chancheck/model/op.hpp>
#include <chancheck/model/panic.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// The weighted semaphore algorithm on runtime Rt.
template <class Rt>
class basic_semaphore {
 public:
  /// A semaphore of `size` units, all free; `loc` (its declaration) names it in traces.
  explicit basic_semaphore(std::int64_t size, std::source_location loc = std::source_location::current())
      : size_(size), id_(detail::object_kind::semaphore, loc, static_cast<std::uint64_t>(size)) {}
  basic_semaphore(const basic_semaphore&) = delete;
  basic_semaphore& operator=(const basic_semaphore&) = delete;

  /// Takes k units, waiting (in FIFO order) until they are free; forever when k
  /// is larger than the size.
  void acquire(std::int64_t k = 1, std::source_location loc = std::source_location::current()) {
    Rt::schedule_point(op(detail::op_kind::sem_acquire, k, loc));
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (size_ - cur_ >= k && queue_.empty()) {
      cur_ += k;
      mu_.unlock();
      note_units(k, true);
      return;
    }
    waiter w;
    w.elem = &k;
    if (k <= size_) queue_.push_back(&w);  // a request that can never fit holds nobody up (as x/sync)
    mu_.unlock();
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      if (auto it = std::find(queue_.begin(), queue_.end(), &w); it != queue_.end()) queue_.erase(it);
      mu_.unlock();
      return;
    }
    note_units(k, true);  // a release admitted it: the units are counted as held already
  }

  /// Takes k units and returns true when they are free and nobody waits; false otherwise. Never blocks.
  [[nodiscard]] bool try_acquire(std::int64_t k = 1, std::source_location loc = std::source_location::current()) {
    Rt::schedule_point(op(detail::op_kind::sem_try_acquire, k, loc));
    if (Rt::tearing_down()) return false;
    mu_.lock();
    const bool fits = size_ - cur_ >= k && queue_.empty();
    if (fits) cur_ += k;
    mu_.unlock();
    if (fits) note_units(k, true);
    return fits;
  }

  /// Gives k units back and wakes, in order, the waiters that now fit. Panics
  /// when more units would be released than are held.
  void release(std::int64_t k = 1, std::source_location loc = std::source_location::current()) {
    Rt::schedule_point(op(detail::op_kind::sem_release, k, loc));
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (cur_ - k < 0) {
      mu_.unlock();
      throw panic_error("semaphore: released more than held", loc);
    }
    cur_ -= k;
    waiter* wake = admit();
    mu_.unlock();
    note_units(k, false);
    wake_all(wake);
  }

  /// The semaphore's id in traces (0 until it is registered).
  std::uint32_t id() const noexcept { return id_.peek(); }

 private:
  using waiter = basic_waiter<Rt>;

  detail::op_desc op(detail::op_kind kind, std::int64_t k, const std::source_location& loc) {
    detail::op_desc d{kind, id_.get(loc), loc};
    d.arg = k;
    return d;
  }

  /// Takes the waiters at the front of the queue while the first fits, counting
  /// their units as held; returns them linked by wake_next. Under mu_.
  waiter* admit() {
    waiter* list = nullptr;
    waiter** tail = &list;
    while (!queue_.empty()) {
      waiter* w = queue_.front();
      const std::int64_t k = *static_cast<const std::int64_t*>(w->elem);
      if (size_ - cur_ < k) break;  // it blocks the ones behind it
      cur_ += k;
      queue_.pop_front();
      *tail = w;
      tail = &w->wake_next;
    }
    *tail = nullptr;
    return list;
  }

  /// Reports k units taken or given back by the running task, one hold each.
  void note_units(std::int64_t k, bool taken) {
    controller* c = current_controller();
    if (!c || !c->records_holds()) return;
    for (std::int64_t i = 0; i < k; ++i) note_hold(id_.peek(), op_kind::sem_acquire, taken);
  }

  typename Rt::mutex mu_;
  const std::int64_t size_;
  std::int64_t cur_ = 0;
  std::deque<waiter*> queue_;
  sync_object_id<Rt> id_;
};

/// Compiled once, in model/semaphore.cpp.
extern template class basic_semaphore<detail::dyn_runtime>;

}  // namespace detail

/// A weighted semaphore (golang.org/x/sync/semaphore.Weighted), on real threads or under the explorer.
using semaphore = detail::basic_semaphore<detail::dyn_runtime>;

}  // namespace chancheck
