// violation.cpp: the names of violation and fix kinds.
#include <chancheck/properties/violation.hpp>

namespace chancheck::detail {

const char* to_string(violation_kind k) noexcept {
  switch (k) {
    case violation_kind::leak: return "leak";
    case violation_kind::deadlock: return "deadlock";
    case violation_kind::panic: return "panic";
    case violation_kind::exception: return "exception";
    case violation_kind::assertion: return "assertion";
    case violation_kind::step_limit: return "step-limit";
    case violation_kind::misuse: return "misuse";
    case violation_kind::uncontrolled: return "uncontrolled";
  }
  return "?";
}

const char* to_string(fix_kind k) noexcept {
  switch (k) {
    case fix_kind::give_capacity: return "give-capacity";
    case fix_kind::sender_selects_ctx_done: return "sender-selects-ctx-done";
    case fix_kind::enlarge_buffer: return "enlarge-buffer";
    case fix_kind::sender_selects_done: return "sender-selects-done";
    case fix_kind::close_channel: return "close-channel";
    case fix_kind::receiver_selects_done: return "receiver-selects-done";
    case fix_kind::make_channel: return "make-channel";
    case fix_kind::add_done_case: return "add-done-case";
    case fix_kind::unlock_before_blocking: return "unlock-before-blocking";
    case fix_kind::unlock_every_path: return "unlock-every-path";
    case fix_kind::not_reentrant: return "not-reentrant";
    case fix_kind::no_nested_rlock: return "no-nested-rlock";
    case fix_kind::lock_order: return "lock-order";
    case fix_kind::once_must_not_block: return "once-must-not-block";
    case fix_kind::wg_done_every_path: return "wg-done-every-path";
    case fix_kind::cond_wait_in_loop: return "cond-wait-in-loop";
    case fix_kind::drain_timer_safely: return "drain-timer-safely";
    case fix_kind::stop_ticker: return "stop-ticker";
  }
  return "?";
}

}  // namespace chancheck::detail
