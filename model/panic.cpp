// panic.cpp: panic() and expect().
#include <chancheck/model/panic.hpp>

namespace chancheck {

void panic(std::string message, std::source_location loc) { throw panic_error(std::move(message), loc); }

void expect(bool cond, const char* message, std::source_location loc) {
  if (!cond) throw assertion_failure(message, loc);
}

}  // namespace chancheck
