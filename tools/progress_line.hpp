// progress_line.hpp: progress of a long scenario on stderr (never on stdout or in the
// JSON). On a terminal one line, redrawn in place, after the scenario has run for a
// second: executions, rate and elapsed time; erased before its report is printed. Off a
// terminal (CI logs) a plain line every interval. The parent process reads the counts
// from the shared crash journal its child's engine writes, so the search pays nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace chancheck::detail {

/// The progress of the scenario that runs now.
class progress_line {
 public:
  /// `enabled` false: prints nothing. `interval`: between plain lines off a terminal.
  progress_line(bool enabled, std::chrono::milliseconds interval);

  /// A scenario starts.
  void begin(const std::string& scenario);
  /// Its search has started `executions` executions in `seconds`; prints when due.
  void update(std::uint64_t executions, double seconds);
  /// It ended: the terminal line, if drawn, is erased.
  void end();

 private:
  bool enabled_, terminal_;
  double interval_, next_ = 0;
  bool drawn_ = false;
  std::string scenario_;
};

}  // namespace chancheck::detail
