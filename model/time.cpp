// time.cpp: now(), sleep() and after(), on the runtime's clock and timers.
#include "model/time.hpp"

#include <thread>

namespace chancheck {

time_point now() { return dyn_runtime::now(); }

namespace {
chan<time_point> arm(duration d, std::source_location loc, const char* label) {
  auto c = chan<time_point>::make(1, loc, label);
  auto* core = c.core();
  dyn_runtime::add_timer(
      d,
      [c] {  // Go's sendTime: a non-blocking send of the current time
        time_point t = dyn_runtime::now();
        detail::chan_core::try_send(c.core(), &t);
      },
      core->id());
  return c;
}
}  // namespace

void sleep(duration d, std::source_location loc) {
  op_desc op{op_kind::sleep, 0, loc};
  op.arg = d.count();
  if (current_controller() == nullptr) {
    std::this_thread::sleep_for(d);
    return;
  }
  auto c = arm(d, loc, "sleep");
  op.obj = c.id();
  dyn_runtime::schedule_point(op);
  time_point t;
  detail::chan_core::recv(c.core(), &t);
}

chan<time_point> after(duration d, std::source_location loc) {
  op_desc op{op_kind::timer, 0, loc};
  op.arg = d.count();
  dyn_runtime::schedule_point(op);
  return arm(d, loc, "after");
}

}  // namespace chancheck
