// handle_registry.hpp: where the handles of one channel live. Every chan<T>
// handle (a copy of the user-visible chan<T>) registers its own address with the
// channel it refers to, and takes it back when it is destroyed, moved from or
// reassigned. The mid-run leak check (harness/engine/midrun_leak_check.hpp) reads
// the addresses to learn which task's stack or closure holds each handle; a
// shared reference that is not a handle (references() above count()) keeps the
// channel reachable from somewhere unknown.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <chancheck/model/runtime.hpp>

namespace chancheck::detail {

/// The addresses of the live handles of one channel.
class handle_registry {
 public:
  handle_registry() = default;
  handle_registry(const handle_registry&) = delete;
  handle_registry& operator=(const handle_registry&) = delete;

  /// A handle at `h` now refers to this channel.
  void add(const void* h) {
    mu_.lock();
    at_.push_back(h);
    mu_.unlock();
  }
  /// The handle at `h` no longer refers to it (destroyed, moved from, reassigned).
  void remove(const void* h) {
    mu_.lock();
    if (auto it = std::find(at_.begin(), at_.end(), h); it != at_.end()) {
      *it = at_.back();
      at_.pop_back();
    }
    mu_.unlock();
  }
  /// The handle at `from` was moved to `to`.
  void moved(const void* from, const void* to) {
    mu_.lock();
    std::replace(at_.begin(), at_.end(), from, to);
    mu_.unlock();
  }
  /// The addresses of the live handles (a copy, taken under the lock).
  std::vector<const void*> addresses() {
    mu_.lock();
    std::vector<const void*> out = at_;
    mu_.unlock();
    return out;
  }
  /// Visits each handle's address; under the explorer only (no lock is taken).
  template <class F>
  void each(F&& f) const {
    for (const void* h : at_) f(h);
  }
  /// How many handles are registered.
  std::size_t count() const noexcept { return at_.size(); }
  /// The shared references to the channel, handles or not.
  virtual long references() const noexcept = 0;
  /// The channel's id (as in traces).
  virtual std::uint32_t object_id() const noexcept = 0;
  /// True when a task waits in a send, receive or select on the channel.
  virtual bool has_waiters() noexcept = 0;

 protected:
  ~handle_registry() = default;

 private:
  dyn_runtime::mutex mu_;
  std::vector<const void*> at_;
};

}  // namespace chancheck::detail
