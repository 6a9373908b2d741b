// time.cpp: now(), sleep() and after(), on the runtime's clock and timers.
#include <chancheck/model/time.hpp>

#include <thread>

namespace chancheck {

time_point now() { return detail::dyn_runtime::now(); }

namespace {
/// Go's sendTime: a non-blocking send of the current time.
void send_time(detail::chan_core* c) {
  time_point t = detail::dyn_runtime::now();
  detail::chan_core::try_send(c, &t);
}

/// A channel that receives the time after d. With `owner_waits` (sleep), the caller
/// holds the channel until the timer fires or the execution ends, so the timer
/// need not keep it alive (and its callback fits std::function's small buffer);
/// the sleeper's own operation does not name the channel, so that timer is not
/// marked as only sending (timer_effect): it always counts as waking someone.
chan<time_point> arm(duration d, std::source_location loc, const char* label, bool owner_waits) {
  auto c = chan<time_point>::make(1, loc, label);
  auto* core = c.core();
  if (owner_waits)
    detail::dyn_runtime::add_timer(
        d, [core] { send_time(core); }, core->id());
  else
    detail::dyn_runtime::add_timer(
        d, [c] { send_time(c.core()); }, core->id(), detail::timer_effect::sends_only);
  detail::dyn_runtime::touch(core->id());  // arming comes before the firing
  return c;
}
}  // namespace

void sleep(duration d, std::source_location loc) {
  detail::op_desc op{detail::op_kind::sleep, 0, loc};
  op.arg = d.count();
  if (detail::current_controller() == nullptr) {
    if (!detail::dyn_runtime::schedule_point(op)) return;  // the leak check shows a sleeping task as sleeping
    std::this_thread::sleep_for(d);
    return;
  }
  if (!detail::dyn_runtime::schedule_point(op)) return;  // the timer starts when the sleep does
  // The sleeper holds the channel until it fires (or is unwound before timers are dropped).
  auto c = arm(d, loc, "sleep", true);
  time_point t;
  detail::chan_core::recv(c.core(), &t);
}

chan<time_point> after(duration d, std::source_location loc) {
  detail::op_desc op{detail::op_kind::timer, 0, loc};
  op.arg = d.count();
  if (!detail::dyn_runtime::schedule_point(op)) return {};  // a foreign thread: a nil channel
  return arm(d, loc, "after", false);
}

}  // namespace chancheck
