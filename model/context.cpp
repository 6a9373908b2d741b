// context.cpp: the context tree. Cancelling a context closes its done channel,
// cancels its children and detaches it from its parent; a deadline is a timer.
#include <chancheck/model/context.hpp>

#include <algorithm>
#include <vector>

#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {
struct context_state : std::enable_shared_from_this<context_state> {
  detail::dyn_runtime::mutex mu;
  chan<empty> done;
  context_error err = context_error::none;
  std::shared_ptr<context_state> parent;
  std::vector<std::weak_ptr<context_state>> children;
  std::uint64_t timer = 0;
  bool has_timer = false;

  ~context_state() {
    if (has_timer) detail::dyn_runtime::stop_timer(timer);  // its callback may point here
  }

  /// Ends this context and its children; no scheduling point (timers call it too).
  void cancel(context_error why, bool detach_from_parent) {
    mu.lock();
    if (err != context_error::none) {
      mu.unlock();
      return;
    }
    err = why;
    auto kids = std::move(children);
    children.clear();
    bool stop = has_timer;
    has_timer = false;
    mu.unlock();
    detail::chan_core::close(done.core(), std::source_location::current());
    for (auto& k : kids)
      if (auto c = k.lock()) c->cancel(context_error::canceled, false);
    if (stop) detail::dyn_runtime::stop_timer(timer);
    if (detach_from_parent && parent) {
      parent->mu.lock();
      auto& v = parent->children;
      v.erase(std::remove_if(v.begin(), v.end(),
                             [this](const std::weak_ptr<context_state>& w) {
                               auto p = w.lock();
                               return !p || p.get() == this;
                             }),
              v.end());
      parent->mu.unlock();
    }
  }
};
}  // namespace detail

const char* to_string(context_error e) noexcept {
  switch (e) {
    case context_error::none: return "";
    case context_error::canceled: return "context canceled";
    case context_error::deadline_exceeded: return "context deadline exceeded";
  }
  return "";
}

chan<empty> context::done() const { return s_ ? s_->done : chan<empty>{}; }

context_error context::err() const {
  if (!s_) return context_error::none;
  detail::dyn_runtime::peek(s_->done.id());  // cancel() changes it
  s_->mu.lock();
  auto e = s_->err;
  s_->mu.unlock();
  return e;
}

void cancel_func::operator()(std::source_location loc) const {
  if (!s_) return;
  const detail::op_desc op{detail::op_kind::cancel, s_->done.id(), loc};
  if (!(s_->done.origin() ? detail::dyn_runtime::schedule_point(op, *s_->done.origin())
                          : detail::dyn_runtime::schedule_point(op)))
    return;
  s_->cancel(context_error::canceled, true);
}

context background() { return context{}; }

namespace {
std::shared_ptr<detail::context_state> make_child(const context& parent, std::source_location loc, const char* label) {
  auto s = std::make_shared<detail::context_state>();
  s->done = chan<empty>::make(0, loc, label);
  s->parent = parent.state();
  if (auto& p = s->parent) {
    detail::dyn_runtime::peek(p->done.id());  // the parent's state: cancel() changes it
    p->mu.lock();
    auto perr = p->err;
    if (perr == context_error::none) p->children.push_back(s);
    p->mu.unlock();
    if (perr != context_error::none) s->cancel(perr, false);
  }
  return s;
}
}  // namespace

std::pair<context, cancel_func> with_cancel(const context& parent, std::source_location loc) {
  auto s = make_child(parent, loc, "ctx.done");
  return {context{s}, cancel_func{s}};
}

std::pair<context, cancel_func> with_timeout(const context& parent, duration d, std::source_location loc) {
  auto s = make_child(parent, loc, "ctx.done");
  if (d <= duration::zero()) {
    s->cancel(context_error::deadline_exceeded, true);
    return {context{s}, cancel_func{s}};
  }
  std::weak_ptr<detail::context_state> weak = s;
  s->mu.lock();
  if (s->err == context_error::none) {
    s->has_timer = true;
    if (detail::current_controller()) {
      // One thread, and the state stops its timer when it goes: a plain pointer
      // will do, and fits std::function's small buffer.
      auto* raw = s.get();
      s->timer = detail::dyn_runtime::add_timer(
          d, [raw] { raw->cancel(context_error::deadline_exceeded, true); }, s->done.id());
    } else {
      s->timer = detail::dyn_runtime::add_timer(
          d,
          [weak] {
            if (auto p = weak.lock()) p->cancel(context_error::deadline_exceeded, true);
          },
          s->done.id());
    }
  }
  s->mu.unlock();
  return {context{s}, cancel_func{s}};
}

std::pair<context, cancel_func> with_deadline(const context& parent, time_point t, std::source_location loc) {
  return with_timeout(parent, t - detail::dyn_runtime::now(), loc);
}

}  // namespace chancheck
