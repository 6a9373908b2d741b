// chan.hpp: chan<T>, Go's channel as a shared handle. A default-constructed
// chan is nil; make_chan<T>(n) makes one with capacity n (0 = unbuffered).
// Every operation is a scheduling point under the explorer and records the
// caller's source line.
#pragma once

#include <cstddef>
#include <memory>
#include <source_location>
#include <utility>
#include <vector>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/handle_registry.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

/// The value type of channels that only signal (Go's struct{}).
struct empty {};

/// What a receive returns: the value, and false once the channel is closed and drained.
template <class T>
struct recv_result {
  T value{};
  bool ok = false;
};

namespace detail {
using chan_core = basic_chan_core<detail::dyn_runtime>;

/// The typed channel object behind a chan<T> handle. It knows where its handles
/// live (handle_registry); chan<T> tells the explorer that made it when one goes away.
template <class T>
class chan_impl final : public chan_core, public handle_registry, public std::enable_shared_from_this<chan_impl<T>> {
 public:
  chan_impl(std::size_t cap, std::source_location loc, const char* label)
      : chan_core(cap, loc, label),
        origin(dyn_runtime::origin(loc)),
        many_(cap > 1 ? std::make_unique<T[]>(cap) : nullptr) {
    if (auto* c = explorer())
      c->chan_made(id(), this);
    else if (!origin.generation && leak_profiling())
      listed_ = real_chan_made(id(), this);
  }
  ~chan_impl() override {
    if (auto* c = explorer())
      c->chan_gone(id());
    else if (listed_)
      real_chan_gone(id());
  }
  chan_impl(const chan_impl&) = delete;
  chan_impl& operator=(const chan_impl&) = delete;

  const object_origin origin;  ///< where and in which execution it was made

  /// The explorer running the execution that made the channel, or nullptr.
  controller* explorer() const noexcept {
    controller* c = current_controller();
    return c && c->generation() == origin.generation ? c : nullptr;
  }
  long references() const noexcept override { return this->weak_from_this().use_count(); }
  bool has_waiters() noexcept override { return chan_core::has_waiters(); }

 private:
  bool listed_ = false;  ///< in the real-thread channel table (leak_profile())
  T& slot(std::size_t i) { return many_ ? many_[i] : one_; }
  void buf_store(std::size_t i, void* src) override { slot(i) = std::move(*static_cast<T*>(src)); }
  void buf_load(std::size_t i, void* dst) override { *static_cast<T*>(dst) = std::move(slot(i)); }
  void move_elem(void* dst, void* src) override { *static_cast<T*>(dst) = std::move(*static_cast<T*>(src)); }
  void zero_elem(void* dst) override { *static_cast<T*>(dst) = T{}; }
  T one_{};                    // the buffer of capacity-1 channels (timers, the usual fix)
  std::unique_ptr<T[]> many_;  // the buffer of larger ones
};
}  // namespace detail

/// A Go channel of T. Copies refer to the same channel; the default value is nil.
template <class T>
class chan {
 public:
  /// A nil channel: sends and receives block forever, close panics.
  chan() = default;
  chan(const chan& o) : p_(o.p_) { attach(); }
  chan(chan&& o) noexcept : p_(std::move(o.p_)) { moved_from(o); }
  chan& operator=(const chan& o) {
    if (this != &o) {
      detach();
      p_ = o.p_;
      attach();
    }
    return *this;
  }
  chan& operator=(chan&& o) noexcept {
    if (this != &o) {
      detach();
      p_ = std::move(o.p_);
      moved_from(o);
    }
    return *this;
  }
  ~chan() { detach(); }

  /// Sends v; blocks until a receiver takes it or buffer space frees up.
  /// Panics when the channel is (or gets) closed.
  void send(T v, std::source_location loc = std::source_location::current()) const {
    if (!point(detail::op_kind::send, loc)) return;
    if constexpr (sizeof(T) >= sizeof(void*)) detail::dyn_runtime::value_sent(&v, sizeof(T));
    detail::chan_core::send(p_.get(), &v, loc);
  }

  /// Receives a value; {zero value, false} once the channel is closed and drained.
  recv_result<T> recv(std::source_location loc = std::source_location::current()) const {
    recv_result<T> r;
    if (!point(detail::op_kind::recv, loc)) return r;
    r.ok = detail::chan_core::recv(p_.get(), &r.value);
    return r;
  }

  /// Closes the channel. Panics when it is nil or already closed.
  void close(std::source_location loc = std::source_location::current()) const {
    if (!point(detail::op_kind::close, loc)) return;
    detail::chan_core::close(p_.get(), loc);
  }

  /// How many values are queued.
  std::size_t len() const { return p_ ? p_->len() : 0; }
  /// The capacity (0 for unbuffered and nil channels).
  std::size_t cap() const { return p_ ? p_->cap() : 0; }
  /// True for a nil channel.
  bool is_nil() const noexcept { return p_ == nullptr; }
  /// The channel's id in traces (0 for nil).
  std::uint32_t id() const noexcept { return p_ ? p_->id() : 0; }

  friend bool operator==(const chan& a, const chan& b) noexcept { return a.p_ == b.p_; }

  /// The untyped core (nullptr for nil). For the kit's own select and timers.
  detail::chan_core* core() const noexcept { return p_.get(); }
  /// Where and in which execution the channel was made (nullptr for nil). For the kit.
  const detail::object_origin* origin() const noexcept { return p_ ? &p_->origin : nullptr; }

  /// Makes a channel; prefer make_chan<T>().
  static chan make(std::size_t cap, std::source_location loc, const char* label = nullptr) {
    chan c;
    c.p_ = std::make_shared<detail::chan_impl<T>>(cap, loc, label);
    c.attach();
    return c;
  }

 private:
  // Each handle registers its address with its channel (handle_registry.hpp).
  void attach() {
    if (p_) p_->add(this);
  }
  void detach() noexcept {
    if (!p_) return;
    detail::controller* c = p_->explorer();
    const std::uint32_t id = p_->id();
    p_->remove(this);
    p_.reset();  // before the explorer looks: this reference is gone
    if (c) c->handle_changed(id);
  }
  // A move takes no reference away, so it makes no leak certain: the explorer is not told.
  void moved_from(const chan& o) noexcept {
    if (p_) p_->moved(&o, this);
  }

  /// The scheduling point of operation `k`; false when it must not take effect.
  bool point(detail::op_kind k, const std::source_location& loc) const {
    const detail::op_desc op{k, id(), loc};
    return p_ ? detail::dyn_runtime::schedule_point(op, p_->origin) : detail::dyn_runtime::schedule_point(op);
  }

  std::shared_ptr<detail::chan_impl<T>> p_;
};

/// Go's make(chan T, cap): a new channel with the given capacity (0 = unbuffered).
template <class T>
chan<T> make_chan(std::size_t cap = 0, std::source_location loc = std::source_location::current()) {
  return chan<T>::make(cap, loc);
}

}  // namespace chancheck
