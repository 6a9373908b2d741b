// progress_line.cpp: the progress line, in place on a terminal or plain in a log.
#include "tools/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

#include "tools/console_style.hpp"

namespace chancheck::detail {

namespace {
constexpr double first_draw = 1.0, redraw = 0.25;  ///< seconds, on a terminal
}  // namespace

progress_line::progress_line(bool enabled, std::chrono::milliseconds interval)
    : enabled_(enabled),
      terminal_(::isatty(STDERR_FILENO) == 1),
      interval_(std::chrono::duration<double>(interval).count()) {}

void progress_line::begin(const std::string& scenario) {
  scenario_ = scenario;
  next_ = terminal_ ? first_draw : interval_;
  drawn_ = false;
}

void progress_line::update(std::uint64_t executions, double seconds) {
  if (!enabled_ || seconds < next_) return;
  next_ = seconds + (terminal_ ? redraw : interval_);
  const auto rate = static_cast<std::size_t>(static_cast<double>(executions) / seconds);
  char time[32];
  std::snprintf(time, sizeof time, "%.1fs", seconds);
  const std::string text =
      scenario_ + ": " + with_commas(executions) + " executions (" + with_commas(rate) + "/s), " + time;
  if (terminal_) {
    std::fprintf(stderr, "\r\x1b[K  running %s", text.c_str());
    drawn_ = true;
  } else {
    std::fprintf(stderr, "chancheck: still running %s\n", text.c_str());
  }
  std::fflush(stderr);
}

void progress_line::end() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace chancheck::detail
