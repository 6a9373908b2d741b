// stop_signal.hpp: SIGINT and SIGTERM stop a run instead of ending the process. The
// handler only records the signal; the parent's watch loop sees it within its poll
// interval and ends the running child (with `--checkpoint`, once the child has saved
// a last checkpoint, or after a grace of 2 s), and the `run` loop stops before the
// next scenario, writes what it knows and exits with 128 + the signal (130, 143).
#pragma once

namespace chancheck::detail {

/// Installs the handlers for SIGINT and SIGTERM in this (parent) process. A second
/// signal while a first one is being handled ends the process at once, as the
/// default action would (what was already written stays written).
void install_stop_handlers();

/// The signal that asked the run to stop (SIGINT or SIGTERM), or 0.
int stop_requested() noexcept;

/// In a forked child that its parent watches: SIGINT and SIGTERM ignored, so that a
/// terminal's SIGINT (sent to the whole process group) leaves the stop to the
/// parent, which may first ask the child for a last checkpoint.
void ignore_stop_signals() noexcept;

/// The exit code of a run stopped by `signal`: 128 + signal, as shells report it.
inline int stopped_exit_code(int signal) noexcept { return 128 + signal; }

}  // namespace chancheck::detail
