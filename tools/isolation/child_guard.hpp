// child_guard.hpp: the last words of a child process that explores a scenario. A
// SIGSEGV or SIGBUS whose fault address is in (or just below) a fiber stack's guard
// page is recorded in the journal as a stack overflow, from a handler on an alternate
// signal stack (the faulting stack has no room left); std::terminate records what was
// thrown. The process then dies as it would have, and its parent reports it.
#pragma once

#include <chancheck/harness/record/crash_journal.hpp>

namespace chancheck::detail {

/// Installs the handlers in the calling (child) process; they write to `journal`.
void guard_child(crash_journal& journal);

}  // namespace chancheck::detail
