// wording.hpp: the words for a violation's records (lock waits, cycles, held
// locks, wait histories, the other side of a channel), shared by the violation's
// one-line message and the text report, which prints the same parts one per line.
// Pure functions of the plain trace and the records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/properties/violation.hpp>

namespace chancheck::detail {

/// Who a lock wait waits for: "held by task b (locked at f:21)", "whose function
/// runs in task a itself (called at f:9)", "claimed by writer task w (lock at f:30)", ...
std::string holder_phrase(const execution_record& r, const lock_wait& w);

/// A whole wait: "task a waits to lock mutex#2, held by task b (locked at f:21)".
std::string wait_phrase(const execution_record& r, const lock_wait& w);

/// A cycle, one part per wait in order ("lock cycle: " before the first), and
/// "Go's locks are not reentrant" when a task waits for itself.
std::vector<std::string> cycle_parts(const execution_record& r, const std::vector<lock_wait>& cycle);

/// What a lock's holder does now: "task b returned without unlocking it" (the words of
/// its object's row), or
/// "task b is blocked itself, in send on chan#2 at f:40".
std::string holder_state(const execution_record& r, const lock_holder& holder);

/// "it holds mutex#1 (locked at f:12), rwmutex#3 (read-locked at f:20)".
std::string holds_phrase(const execution_record& r, const std::vector<lock_holder>& holds);

/// A wait group's add and done calls (one part), or a cond's missing signal and
/// the signals lost before the wait; nothing for other waits.
std::vector<std::string> history_parts(const execution_record& r, const violation& v);

/// The parts that explain a blocked task, in order: the cycle, or who holds what
/// it waits for and what that task does; the wait's history; the locks it holds.
/// The message joins them with "; ", the text report prints one per line.
std::vector<std::string> blocked_details(const execution_record& r, const violation& v);

/// The one-line message of a blocked task: "task search is blocked forever in send",
/// then ": " and its details, "; "-separated.
std::string blocked_message(const execution_record& r, const violation& v);

/// How the other side left: "main's select at f:41 took <-ctx.done#1 (f:41) at
/// t=100ms, not <-chan#2 (f:42), and returned without it".
std::string other_side_phrase(const execution_record& r, const other_side& s);

/// Why the mid-run leak check named leak `f`: "caught mid-run at entry 12 of the
/// interleaving, before quiescence: the last other handle of chan#2 went away in
/// task 1 \"handler\" (after f:30)", or the task whose blocking made it certain
/// (untraced records say "step N" instead of the entry).
std::string midrun_phrase(const execution_record& r, const leak_found& f);

}  // namespace chancheck::detail
