// context.hpp: Go's context package: cancellation and deadlines that flow from a
// parent to its children. done() is a channel closed (never sent on) on cancel,
// on expiry, or when the parent is cancelled.
#pragma once

#include <memory>
#include <source_location>
#include <utility>

#include <chancheck/model/chan.hpp>
#include <chancheck/model/controller.hpp>

namespace chancheck {

namespace detail {
struct context_state;
}

/// Why a context ended.
enum class context_error { none, canceled, deadline_exceeded };

/// "context canceled", "context deadline exceeded", or "" for none.
const char* to_string(context_error e) noexcept;

/// A context handle; copies share the context. background() never ends.
class context {
 public:
  /// The background context.
  context() = default;
  /// A channel closed when the context ends; nil (blocks forever) for background().
  chan<empty> done() const;
  /// Why the context ended, or none while it has not.
  context_error err() const;

  explicit context(std::shared_ptr<detail::context_state> s) : s_(std::move(s)) {}
  const std::shared_ptr<detail::context_state>& state() const noexcept { return s_; }

 private:
  std::shared_ptr<detail::context_state> s_;
};

/// Cancels its context (and the context's children). Calling it again does nothing.
class cancel_func {
 public:
  cancel_func() = default;
  explicit cancel_func(std::shared_ptr<detail::context_state> s) : s_(std::move(s)) {}
  void operator()(std::source_location loc = std::source_location::current()) const;

 private:
  std::shared_ptr<detail::context_state> s_;
};

/// The root context: never cancelled, no deadline.
context background();

/// A child of parent that ends when cancel is called or parent ends.
std::pair<context, cancel_func> with_cancel(const context& parent,
                                            std::source_location loc = std::source_location::current());

/// A child of parent that also ends d from now.
std::pair<context, cancel_func> with_timeout(const context& parent, duration d,
                                             std::source_location loc = std::source_location::current());

/// A child of parent that also ends at t.
std::pair<context, cancel_func> with_deadline(const context& parent, time_point t,
                                              std::source_location loc = std::source_location::current());

}  // namespace chancheck
