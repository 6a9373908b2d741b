// console_style.hpp: how the CLI's text looks where it is printed. On a terminal the
// verdicts are coloured (unless NO_COLOR is set, https://no-color.org) and long traces
// are shortened in the middle; off a terminal the text is left as the reports render
// it, unless a flag asks (--color always, --short-trace). Decided once per run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chancheck::detail {

/// Colour and trace shortening for standard output.
struct console_style {
  bool color = false;    ///< ANSI colours on the verdict words
  bool shorten = false;  ///< long traces shortened in the middle

  /// Decides from `--color` (auto, always, never), the trace flags, NO_COLOR and
  /// whether standard output is a terminal.
  static console_style decide(const std::string& color_flag, bool full_trace, bool short_trace);

  /// A summary line with its leading verdict word (PASS, FAIL, ERROR, STOP) and any
  /// "UNEXPECTED" coloured.
  std::string paint_summary(const std::string& line) const;
  /// A report's text, with long traces shortened when `shorten` is on.
  std::string body(const std::string& text) const;
};

/// The lines of each trace in `text` ("interleaving (...):" then numbered lines):
/// a trace of more than 3 * `keep` lines keeps its first and last `keep` lines with one
/// line between them that says how many were left out and how to see them all.
std::string shorten_traces(std::string_view text, std::size_t keep);

/// `n` with thousands separators: 26600 -> "26,600".
std::string with_commas(std::size_t n);

}  // namespace chancheck::detail
