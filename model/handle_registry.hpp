// handle_registry.hpp: where the handles of one channel live. Every chan<T>
// handle (a copy of the user-visible chan<T>) registers its own address with the
// channel it refers to, and takes it back when it is destroyed, moved from or
// reassigned. The mid-run leak check (model/leak_fixpoint.hpp) reads
// the addresses to learn which task's stack or closure holds each handle; a
// shared reference that is not a handle (references() above count()) keeps the
// channel reachable from somewhere unknown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <chancheck/model/runtime.hpp>

namespace chancheck::detail {

/// The addresses of the live handles of one channel. The first few are kept in
/// place, so that most channels register their handles without allocating.
class handle_registry {
 public:
  handle_registry() = default;
  handle_registry(const handle_registry&) = delete;
  handle_registry& operator=(const handle_registry&) = delete;

  /// A handle at `h` now refers to this channel.
  void add(const void* h) {
    mu_.lock();
    if (n_ < in_place)
      few_[n_] = h;
    else
      more_.push_back(h);
    ++n_;
    mu_.unlock();
  }
  /// The handle at `h` no longer refers to it (destroyed, moved from, reassigned).
  void remove(const void* h) {
    mu_.lock();
    for (std::size_t i = 0; i < n_; ++i)
      if (at(i) == h) {
        at(i) = at(n_ - 1);
        if (--n_ >= in_place) more_.pop_back();
        break;
      }
    mu_.unlock();
  }
  /// The handle at `from` was moved to `to`.
  void moved(const void* from, const void* to) {
    mu_.lock();
    for (std::size_t i = 0; i < n_; ++i)
      if (at(i) == from) {
        at(i) = to;
        break;
      }
    mu_.unlock();
  }
  /// Visits each handle's address (under the registry's lock on real threads).
  template <class F>
  void each(F&& f) {
    mu_.lock();
    for (std::size_t i = 0; i < n_; ++i) f(i < in_place ? few_[i] : more_[i - in_place]);
    mu_.unlock();
  }
  /// How many handles are registered.
  std::size_t count() {
    mu_.lock();
    const std::size_t n = n_;
    mu_.unlock();
    return n;
  }
  /// The shared references to the channel, handles or not.
  virtual long references() const noexcept = 0;
  /// True when a task waits in a send, receive or select on the channel.
  virtual bool has_waiters() noexcept = 0;

 protected:
  ~handle_registry() = default;

 private:
  static constexpr std::size_t in_place = 4;
  const void*& at(std::size_t i) { return i < in_place ? few_[i] : more_[i - in_place]; }

  dyn_runtime::mutex mu_;
  std::size_t n_ = 0;
  const void* few_[in_place] = {};
  std::vector<const void*> more_;  ///< the handles beyond the first in_place
};

/// A channel made on a real thread while leak_profile() is enabled: listed by its id
/// until real_chan_gone(id) (model/leak_profile.cpp). True when it was listed.
bool real_chan_made(std::uint32_t id, handle_registry* r);
/// The channel listed by real_chan_made(id) is being destroyed.
void real_chan_gone(std::uint32_t id);

}  // namespace chancheck::detail
