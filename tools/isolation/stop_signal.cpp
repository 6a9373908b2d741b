// stop_signal.cpp: the SIGINT and SIGTERM handlers of the parent.
#include "tools/isolation/stop_signal.hpp"

#include <signal.h>

namespace chancheck::detail {

namespace {
volatile sig_atomic_t requested = 0;

void on_stop(int signal) {
  if (requested != 0) {  // a second signal: stop now
    ::signal(signal, SIG_DFL);
    ::raise(signal);
    return;
  }
  requested = signal;
}

void set_action(void (*handler)(int)) noexcept {
  struct sigaction sa {};
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;  // poll() still returns early; other calls go on
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}
}  // namespace

void install_stop_handlers() { set_action(on_stop); }

int stop_requested() noexcept { return requested; }

void ignore_stop_signals() noexcept { set_action(SIG_IGN); }

}  // namespace chancheck::detail
