// mutex.hpp: Go's sync.Mutex. Not reentrant: a task that locks it twice blocks
// forever. Not owned: any task may unlock it. Unlocking an unlocked mutex is a
// fatal error ("sync: unlock of unlocked mutex"), thrown as a panic_error.
// try_lock() takes it only when it is free, and never blocks.
//
// Written once against a runtime `Rt`, like the channel core: Rt::mutex guards
// the state, waiters park on Rt::parker in a FIFO, and every public operation
// starts with a scheduling point. unlock() hands the lock straight to the first
// waiter (Go's starvation mode). Each hold is reported to the explorer
// (note_hold): the task that takes the lock, when it takes it, and its release,
// so a trace says who holds the lock without replaying these rules.
#pragma once

#include <cstdint>
#include <source_location>
#include <string_view>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/controller.hpp>
#include <chancheck/model/op.hpp>
#include <chancheck/model/panic.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// True when `loc` lies in the standard library: an object built by std::make_shared
/// or inside a container gets the library's line as its default location, which
/// tells a reader nothing.
inline bool in_std_library(const std::source_location& loc) noexcept {
  std::string_view f = loc.function_name();
  f = f.substr(0, f.find('('));
  f = f.substr(f.rfind(' ') == std::string_view::npos ? 0 : f.rfind(' ') + 1);
  return f.starts_with("std::") || f.starts_with("__gnu_cxx::");
}

/// The trace id of a sync object. It is registered where the object is declared,
/// or, when that place is inside the standard library, at its first operation.
template <class Rt>
class sync_object_id {
 public:
  sync_object_id(detail::object_kind kind, std::source_location loc, std::uint64_t cap = 0)
      : kind_(kind), cap_(cap), origin_(Rt::origin(loc)) {
    if (!in_std_library(loc)) id_.store(Rt::register_object(kind, cap, loc, nullptr));
  }
  /// The id, registering the object at `use` if it has none yet.
  std::uint32_t get(const std::source_location& use) {
    std::uint32_t id = id_.load();
    if (id == 0) {
      id = Rt::register_object(kind_, cap_, use, nullptr);
      id_.store(id);
    }
    return id;
  }
  /// The id, or 0 while the object is not registered.
  std::uint32_t peek() const { return id_.load(); }
  /// Where and in which execution the object was made.
  const detail::object_origin& origin() const noexcept { return origin_; }
  /// Sets what `cap` will say when the object registers late.
  void set_cap(std::uint64_t cap) { cap_ = cap; }

 private:
  detail::object_kind kind_;
  std::uint64_t cap_;
  detail::object_origin origin_;
  typename Rt::template atomic<std::uint32_t> id_{0};
};

template <class Rt>
class basic_cond;

/// The mutex algorithm on runtime Rt.
template <class Rt>
class basic_mutex {
 public:
  /// An unlocked mutex; `loc` (its declaration) names it in traces.
  explicit basic_mutex(std::source_location loc = std::source_location::current())
      : id_(detail::object_kind::mutex, loc) {}
  basic_mutex(const basic_mutex&) = delete;
  basic_mutex& operator=(const basic_mutex&) = delete;

  /// Locks; blocks while another lock holds it (forever when this task holds it).
  void lock(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::lock, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    acquire();
  }

  /// Locks and returns true when the mutex is free; returns false at once when it is
  /// held (Go 1.18's TryLock). Never blocks; a scheduling point of its own (try_lock).
  [[nodiscard]] bool try_lock(std::source_location loc = std::source_location::current()) {
    Rt::schedule_point(detail::op_desc{detail::op_kind::try_lock, id_.get(loc), loc});
    if (Rt::tearing_down()) return false;
    mu_.lock();
    const bool free = !locked_;  // an unlock hands a waited-for lock over, so a free mutex has no waiters
    locked_ = true;
    mu_.unlock();
    if (free) note_hold(id_.peek(), op_kind::lock, true);
    return free;
  }

  /// Unlocks, handing the lock to the first waiting task. Fatal when not locked.
  void unlock(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::unlock, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    release(loc);
  }

  /// The mutex's id in traces (0 until it is registered).
  std::uint32_t id() const noexcept { return id_.peek(); }

 private:
  friend class basic_cond<Rt>;
  using waiter = basic_waiter<Rt>;

  /// Takes the lock, or waits until an unlock hands it over. No scheduling point.
  void acquire() {
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (!locked_) {
      locked_ = true;
      mu_.unlock();
      note_hold(id_.peek(), op_kind::lock, true);
      return;
    }
    waiter w;
    queue_.push(&w);
    mu_.unlock();
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      queue_.remove(&w);
      mu_.unlock();
      return;
    }
    note_hold(id_.peek(), op_kind::lock, true);  // an unlock handed it over
  }

  /// Releases the lock (to the first waiter, if any). No scheduling point.
  void release(std::source_location loc) {
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (!locked_) {
      mu_.unlock();
      throw panic_error("sync: unlock of unlocked mutex", loc);
    }
    waiter* next = queue_.dequeue();
    if (next == nullptr) locked_ = false;  // else it stays locked, now by `next`
    const std::uint32_t id = id_.peek();   // read before the unlock: on threads the next holder may free the mutex
    mu_.unlock();
    note_hold(id, op_kind::lock, false);
    if (next) next->parker.unpark();
  }

  typename Rt::mutex mu_;
  bool locked_ = false;
  waiter_queue<Rt> queue_;
  sync_object_id<Rt> id_;
};

/// Compiled once, in model/mutex.cpp.
extern template class basic_mutex<detail::dyn_runtime>;

}  // namespace detail

/// Go's sync.Mutex, on real threads or under the explorer.
using mutex = detail::basic_mutex<detail::dyn_runtime>;

}  // namespace chancheck
