// op.cpp: names of operation and object kinds, as traces print them.
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

const char* to_string(op_kind k) noexcept {
  switch (k) {
    case op_kind::go: return "go";
    case op_kind::send: return "send";
    case op_kind::recv: return "recv";
    case op_kind::select: return "select";
    case op_kind::close: return "close";
    case op_kind::sleep: return "sleep";
    case op_kind::timer: return "timer";
    case op_kind::cancel: return "cancel";
    case op_kind::lock: return "lock";
    case op_kind::unlock: return "unlock";
    case op_kind::rlock: return "rlock";
    case op_kind::runlock: return "runlock";
    case op_kind::wg_add: return "wait_group.add";
    case op_kind::wg_wait: return "wait_group.wait";
    case op_kind::cond_wait: return "cond.wait";
    case op_kind::cond_signal: return "cond.signal";
    case op_kind::once: return "once";
    case op_kind::yield: return "yield";
    case op_kind::timer_stop: return "timer.stop";
    case op_kind::timer_reset: return "timer.reset";
    case op_kind::wg_done: return "wait_group.done";
    case op_kind::cond_broadcast: return "cond.broadcast";
  }
  return "?";
}

const char* to_string(object_kind k) noexcept {
  switch (k) {
    case object_kind::none: return "none";
    case object_kind::chan: return "chan";
    case object_kind::timer: return "timer";
    case object_kind::context: return "context";
    case object_kind::mutex: return "mutex";
    case object_kind::rwmutex: return "rwmutex";
    case object_kind::wait_group: return "wait_group";
    case object_kind::cond: return "cond";
    case object_kind::once: return "once";
  }
  return "?";
}

}  // namespace chancheck::detail
