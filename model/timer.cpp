// timer.cpp: timers, tickers and after_func on dyn_runtime's timers. Each armed
// period is one runtime timer; a generation number makes a callback that lost a
// race with stop() or reset() on real threads do nothing.
#include <chancheck/model/timer.hpp>

#include <chancheck/model/panic.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// A timer's shared state. `c` is nil for after_func, which runs `func` instead.
struct timer_state : std::enable_shared_from_this<timer_state> {
  detail::dyn_runtime::mutex mu;
  chan<time_point> c;
  std::function<void()> func;
  std::source_location loc;
  object_origin origin;   ///< where and in which execution it was made
  std::uint32_t obj = 0;  ///< the object its operations and firings are traced on
  std::uint64_t timer_id = 0;
  std::uint64_t generation = 0;
  bool armed = false;

  /// With mu held: arms a runtime timer for d.
  void arm_locked(duration d) {
    armed = true;
    std::uint64_t gen = ++generation;
    auto self = shared_from_this();
    timer_id = detail::dyn_runtime::add_timer(
        d, [self, gen] { self->fire(gen); }, obj, func ? timer_effect::user_code : timer_effect::sends_only);
  }

  /// With mu held: disarms; true when that kept the timer from firing.
  bool disarm_locked() {
    if (!armed || !detail::dyn_runtime::stop_timer(timer_id)) return false;  // fired (or firing now)
    armed = false;
    ++generation;
    return true;
  }

  void fire(std::uint64_t gen) {
    mu.lock();
    if (gen != generation || !armed) {
      mu.unlock();
      return;
    }
    armed = false;
    mu.unlock();
    if (func) {
      detail::dyn_runtime::spawn(func, "after_func", loc);
    } else {  // Go's sendTime: a non-blocking send of the current time
      time_point t = detail::dyn_runtime::now();
      chan_core::try_send(c.core(), &t);
    }
  }
};

/// A ticker's shared state.
struct ticker_state : std::enable_shared_from_this<ticker_state> {
  detail::dyn_runtime::mutex mu;
  chan<time_point> c;
  duration period{};
  std::uint64_t timer_id = 0;
  std::uint64_t generation = 0;
  bool running = false;

  /// With mu held: arms the next tick, one period from now.
  void arm_locked() {
    running = true;
    std::uint64_t gen = generation;
    auto self = shared_from_this();
    timer_id = detail::dyn_runtime::add_timer(
        period, [self, gen] { self->fire(gen); }, c.id(), timer_effect::sends_only);
  }

  /// With mu held: no tick after this.
  void disarm_locked() {
    if (running) detail::dyn_runtime::stop_timer(timer_id);
    running = false;
    ++generation;
  }

  void fire(std::uint64_t gen) {
    mu.lock();
    if (gen != generation || !running) {
      mu.unlock();
      return;
    }
    arm_locked();
    mu.unlock();
    time_point t = detail::dyn_runtime::now();
    chan_core::try_send(c.core(), &t);  // dropped when the channel is full
  }
};

}  // namespace detail

namespace {
detail::op_desc timer_op(detail::op_kind k, std::uint32_t obj, duration d, std::source_location loc) {
  detail::op_desc op{k, obj, loc};
  op.arg = d.count();
  return op;
}
}  // namespace

timer::timer(std::shared_ptr<detail::timer_state> s) : c(s->c), s_(std::move(s)) {}

bool timer::stop(std::source_location loc) const {
  if (!s_) throw panic_error("time: Stop called on uninitialized Timer", loc);
  if (!detail::dyn_runtime::schedule_point(detail::op_desc{detail::op_kind::timer_stop, s_->obj, loc}, s_->origin))
    return false;
  if (detail::dyn_runtime::tearing_down()) return false;
  s_->mu.lock();
  bool stopped = s_->disarm_locked();
  s_->mu.unlock();
  return stopped;
}

bool timer::reset(duration d, std::source_location loc) const {
  if (!s_) throw panic_error("time: Reset called on uninitialized Timer", loc);
  if (!detail::dyn_runtime::schedule_point(timer_op(detail::op_kind::timer_reset, s_->obj, d, loc), s_->origin))
    return false;
  if (detail::dyn_runtime::tearing_down()) return false;
  s_->mu.lock();
  bool was_armed = s_->disarm_locked();
  s_->arm_locked(d);
  s_->mu.unlock();
  return was_armed;
}

timer new_timer(duration d, std::source_location loc) {
  if (!detail::dyn_runtime::schedule_point(timer_op(detail::op_kind::timer, 0, d, loc))) return timer();
  auto s = std::make_shared<detail::timer_state>();
  s->origin = detail::dyn_runtime::origin(loc);
  s->c = chan<time_point>::make(1, loc, "timer");
  s->obj = s->c.id();
  s->loc = loc;
  s->mu.lock();
  s->arm_locked(d);
  s->mu.unlock();
  return timer(std::move(s));
}

timer after_func(duration d, std::function<void()> f, std::source_location loc) {
  if (!detail::dyn_runtime::schedule_point(timer_op(detail::op_kind::timer, 0, d, loc))) return timer();
  auto s = std::make_shared<detail::timer_state>();
  s->origin = detail::dyn_runtime::origin(loc);
  s->func = std::move(f);
  s->loc = loc;
  s->obj = detail::dyn_runtime::register_object(detail::object_kind::timer, 0, loc, "after_func");
  s->mu.lock();
  s->arm_locked(d);
  s->mu.unlock();
  return timer(std::move(s));
}

ticker::ticker(std::shared_ptr<detail::ticker_state> s) : c(s->c), s_(std::move(s)) {}

void ticker::stop(std::source_location loc) const {
  if (!s_) return;  // as Go: stopping an uninitialized ticker does nothing
  if (!detail::dyn_runtime::schedule_point(detail::op_desc{detail::op_kind::timer_stop, s_->c.id(), loc},
                                           *s_->c.origin()))
    return;
  if (detail::dyn_runtime::tearing_down()) return;
  s_->mu.lock();
  s_->disarm_locked();
  s_->mu.unlock();
}

void ticker::reset(duration d, std::source_location loc) const {
  if (d <= duration::zero()) throw panic_error("non-positive interval for Ticker.Reset", loc);
  if (!s_) throw panic_error("time: Reset called on uninitialized Ticker", loc);
  if (!detail::dyn_runtime::schedule_point(timer_op(detail::op_kind::timer_reset, s_->c.id(), d, loc), *s_->c.origin()))
    return;
  if (detail::dyn_runtime::tearing_down()) return;
  s_->mu.lock();
  s_->disarm_locked();
  s_->period = d;
  s_->arm_locked();
  s_->mu.unlock();
}

ticker new_ticker(duration d, std::source_location loc) {
  if (d <= duration::zero()) throw panic_error("non-positive interval for NewTicker", loc);
  if (!detail::dyn_runtime::schedule_point(timer_op(detail::op_kind::timer, 0, d, loc))) return ticker();
  auto s = std::make_shared<detail::ticker_state>();
  s->c = chan<time_point>::make(1, loc, "ticker");
  s->period = d;
  s->mu.lock();
  s->arm_locked();
  s->mu.unlock();
  return ticker(std::move(s));
}

}  // namespace chancheck
