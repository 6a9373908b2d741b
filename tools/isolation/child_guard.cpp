// child_guard.cpp: the fault and terminate handlers of a child process.
#include "tools/isolation/child_guard.hpp"

#include <signal.h>
#include <ucontext.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include <chancheck/harness/fiber/stack_pool.hpp>

namespace chancheck::detail {

namespace {
crash_journal* journal_ = nullptr;
alignas(16) char alternate_stack[64 * 1024];

/// The stack pointer of the interrupted code, or null where unknown.
const void* interrupted_sp(void* context) {
  [[maybe_unused]] auto* uc = static_cast<ucontext_t*>(context);
#if defined(__x86_64__)
  return reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RSP]);
#elif defined(__aarch64__)
  return reinterpret_cast<const void*>(uc->uc_mcontext.sp);
#else
  return nullptr;
#endif
}

void on_fault(int, siginfo_t* info, void* context) {
  if (journal_ && stack_pool::overflows_a_stack(info->si_addr, interrupted_sp(context)))
    journal_->stack_overflow.store(true);
  // SA_RESETHAND put the default action back: the faulting access runs again and the
  // signal ends the process, which the parent sees.
}

void on_terminate() {
  if (journal_) {
    std::string what = "std::terminate was called";
    if (auto e = std::current_exception()) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        what += " with an exception: " + std::string(x.what());
      } catch (...) {
        what += " with an exception that is not a std::exception";
      }
    } else {
      what += " (no exception active: a throw from a noexcept function or destructor, or a direct call)";
    }
    std::strncpy(journal_->cause, what.c_str(), crash_journal::text_size - 1);
  }
  std::abort();
}
}  // namespace

void guard_child(crash_journal& journal) {
  journal_ = &journal;
  stack_t ss{};
  ss.ss_sp = alternate_stack;
  ss.ss_size = sizeof alternate_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGSEGV, &sa, nullptr);
  ::sigaction(SIGBUS, &sa, nullptr);
  std::set_terminate(on_terminate);
}

}  // namespace chancheck::detail
