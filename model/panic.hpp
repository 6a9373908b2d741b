// panic.hpp: Go's run-time panics (send on a closed channel, closing twice, ...)
// and the user assertion. Both unwind the task; the explorer reports them as
// property violations, and on real threads an unrecovered one ends the program.
#pragma once

#include <source_location>
#include <string>

namespace chancheck {

/// A Go panic. Deliberately not a std::exception, so `catch (std::exception&)` does
/// not swallow it (recovering is done by catching `panic_error` explicitly).
class panic_error {
 public:
  panic_error(std::string message, std::source_location loc) : message_(std::move(message)), loc_(loc) {}
  /// What went wrong, in Go's words ("send on closed channel").
  const std::string& message() const noexcept { return message_; }
  /// Where the panicking operation was called.
  const std::source_location& where() const noexcept { return loc_; }

 private:
  std::string message_;
  std::source_location loc_;
};

/// A failed `expect` in a scenario.
class assertion_failure : public panic_error {
 public:
  using panic_error::panic_error;
};

/// Panics with `message`, as Go's panic().
[[noreturn]] void panic(std::string message, std::source_location loc = std::source_location::current());

/// Fails the scenario with `message` unless `cond` holds.
void expect(bool cond, const char* message = "expectation failed",
            std::source_location loc = std::source_location::current());

}  // namespace chancheck
