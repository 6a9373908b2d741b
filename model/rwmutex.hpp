// rwmutex.hpp: Go's sync.RWMutex, writer-preferring. Once a writer waits in
// lock(), new rlock() calls block even while other readers hold the lock; the
// readers that hold it finish, the writer runs, and its unlock() admits every
// reader that queued behind it before the next writer gets in. A reader-
// preferring lock would hide the classic "read lock taken twice while a writer
// waits" deadlock, which is why the order matters.
//
// State, as in Go's algorithm: at most one writer has claimed the lock (it is
// either active, or pending until the readers it found leave); `readers_`
// counts admitted readers. Unlocking without a lock is fatal: "sync: Unlock of
// unlocked RWMutex" / "sync: RUnlock of unlocked RWMutex".
//
// Each hold is reported to the explorer (note_hold) by the task that takes it,
// when it takes it (a writer once the readers it waited for left, a queued reader
// once the writer before it unlocked), and by the task that releases it.
#pragma once

#include <cstdint>
#include <source_location>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/controller.hpp>
#include <chancheck/model/mutex.hpp>
#include <chancheck/model/op.hpp>
#include <chancheck/model/panic.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// The read-write lock algorithm on runtime Rt.
template <class Rt>
class basic_rwmutex {
 public:
  /// An unlocked lock; `loc` (its declaration) names it in traces.
  explicit basic_rwmutex(std::source_location loc = std::source_location::current())
      : id_(detail::object_kind::rwmutex, loc) {}
  basic_rwmutex(const basic_rwmutex&) = delete;
  basic_rwmutex& operator=(const basic_rwmutex&) = delete;

  /// Locks for writing: waits for the writer before it, then for the readers it found.
  void lock(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::lock, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    waiter w;
    if (!writer_) {
      writer_ = true;
      if (readers_ == 0) {
        active_ = true;
        mu_.unlock();
        note_hold(id_.peek(), op_kind::lock, true);
        return;
      }
      pending_ = &w;  // the last reader to leave wakes it
    } else {
      writers_.push(&w);  // the unlock of the writer before it hands over
    }
    mu_.unlock();
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      writers_.remove(&w);
      if (pending_ == &w) pending_ = nullptr;
      mu_.unlock();
      return;
    }
    note_hold(id_.peek(), op_kind::lock, true);  // woken only once it holds the lock
  }

  /// Unlocks for writing: admits the readers that queued, then hands over to the next writer.
  void unlock(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::unlock, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (!active_) {
      mu_.unlock();
      throw panic_error("sync: Unlock of unlocked RWMutex", loc);
    }
    active_ = false;
    writer_ = false;
    waiter* wake = nullptr;
    waiter** tail = &wake;
    while (waiter* r = readers_q_.dequeue()) {
      ++readers_;
      *tail = r;
      tail = &r->wake_next;
    }
    if (waiter* next = writers_.dequeue()) {
      writer_ = true;
      if (readers_ == 0) {
        active_ = true;
        *tail = next;
        tail = &next->wake_next;
      } else {
        pending_ = next;
      }
    }
    *tail = nullptr;
    mu_.unlock();
    note_hold(id_.peek(), op_kind::lock, false);
    wake_all(wake);
  }

  /// Locks for reading; blocks while a writer holds the lock or waits for it.
  void rlock(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::rlock, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (!writer_) {
      ++readers_;
      mu_.unlock();
      note_hold(id_.peek(), op_kind::rlock, true);
      return;
    }
    waiter w;
    readers_q_.push(&w);  // the writer's unlock admits it (counts it in readers_)
    mu_.unlock();
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      readers_q_.remove(&w);
      mu_.unlock();
      return;
    }
    note_hold(id_.peek(), op_kind::rlock, true);
  }

  /// Unlocks for reading; the last reader out lets a pending writer in. Fatal when
  /// no reader holds the lock.
  void runlock(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::runlock, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (readers_ == 0) {
      mu_.unlock();
      throw panic_error("sync: RUnlock of unlocked RWMutex", loc);
    }
    waiter* w = nullptr;
    if (--readers_ == 0 && pending_) {
      w = pending_;
      pending_ = nullptr;
      active_ = true;
    }
    mu_.unlock();
    note_hold(id_.peek(), op_kind::rlock, false);
    if (w) w->parker.unpark();
  }

  /// The lock's id in traces.
  std::uint32_t id() const noexcept { return id_.peek(); }

 private:
  using waiter = basic_waiter<Rt>;

  typename Rt::mutex mu_;
  bool writer_ = false;         ///< a writer has claimed the lock (pending or active)
  bool active_ = false;         ///< ... and holds it
  std::uint32_t readers_ = 0;   ///< admitted readers
  waiter* pending_ = nullptr;   ///< the claiming writer, waiting for readers_ to reach 0
  waiter_queue<Rt> writers_;    ///< writers behind the claiming one
  waiter_queue<Rt> readers_q_;  ///< readers behind the claiming writer
  sync_object_id<Rt> id_;
};

/// Compiled once, in model/rwmutex.cpp.
extern template class basic_rwmutex<detail::dyn_runtime>;

}  // namespace detail

/// Go's sync.RWMutex, on real threads or under the explorer.
using rwmutex = detail::basic_rwmutex<detail::dyn_runtime>;

}  // namespace chancheck
