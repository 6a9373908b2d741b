// text_report.hpp: reports for people: a summary line per scenario, the
// explanation of a violation (which task, blocked where, on what, spawned where,
// how the other side left, what to change) and the interleaving as numbered
// steps. Output depends only on the record, so the same execution always prints
// the same bytes. Every word comes from the violation's records and the plain
// trace, named through properties/naming.hpp.
#pragma once

#include <string>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/properties/naming.hpp>
#include <chancheck/properties/scenario_outcome.hpp>

namespace chancheck::detail {

/// One line: verdict, scenario, executions, exhaustive or which bound stopped it, time.
std::string summary_line(const scenario_outcome& o, bool show_time = true);

/// The same line with a verdict the outcome cannot hold ("crash", "uncontrolled": a
/// child process that ended without its report), so every FAIL line reads alike.
std::string summary_line(const scenario_outcome& o, const std::string& verdict, bool show_time);

/// The run time at the end of a summary line: " [1.234s]".
std::string time_suffix(double seconds);

/// The explanation of the violations of o (empty when it passed).
std::string explain(const scenario_outcome& o);

/// The interleaving of an execution, one numbered line per event.
std::string format_trace(const execution_record& r);

}  // namespace chancheck::detail
