// relacy_driver.hpp: runs one Relacy suite under Relacy's random scheduler and
// its context-bound scheduler and checks the verdict against what the suite
// expects: a pass, or one specific failure (a known bug Relacy must report).
// Prints one line per scheduler; on an unexpected verdict, Relacy's history.
#pragma once

#include "tests/relacy/relacy_chan.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <streambuf>

namespace chancheck::relacy_test {

/// Relacy's report, kept in a fixed buffer: Relacy replaces operator new, and a
/// growing std::ostringstream would call it from inside the standard library
/// while Relacy prints, which crashes. Output past the buffer is dropped.
class report_buffer : public std::streambuf {
 public:
  report_buffer() { reset(); }
  void reset() { setp(buf_.data(), buf_.data() + buf_.size() - 1); }
  /// What was written so far, NUL-terminated.
  const char* text() {
    *pptr() = '\0';
    return buf_.data();
  }

 private:
  static inline std::array<char, 1 << 20> buf_{};
};

/// How hard to search.
struct search_budget {
  rl::iteration_t random_iterations = 20000;  ///< random scheduler: iterations
  unsigned context_bound = 2;                 ///< context-bound scheduler: preemptions (searched exhaustively)
};

/// Runs Suite under one scheduler; true when the verdict is `expected`.
template <class Suite>
bool run_one(const char* name, rl::scheduler_type_e type, const search_budget& b, rl::test_result_e expected) {
  rl::test_params p;
  static report_buffer buffer;
  buffer.reset();
  std::ostream out(&buffer);
  p.output_stream = &out;
  p.progress_stream = &out;
  p.search_type = type;
  p.iteration_count = b.random_iterations;
  p.context_bound = b.context_bound;
  auto t0 = std::chrono::steady_clock::now();
  bool passed = rl::simulate<Suite>(p);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rl::test_result_e got = passed ? rl::test_result_success : p.test_result;
  bool as_expected = got == expected;
  std::printf("%s %s: %s: %s after %llu iterations (%.2fs), expected %s\n", as_expected ? "ok  " : "FAIL", name,
              rl::format(type), rl::test_result_str(got), static_cast<unsigned long long>(p.stop_iteration), s,
              rl::test_result_str(expected));
  if (!passed) std::printf("---- Relacy's report ----\n%s-------------------------\n", buffer.text());
  if (!as_expected) {
    if (passed)
      std::printf("Relacy found nothing where the suite expects %s: the suite no longer reaches the bug\n",
                  rl::test_result_str(expected));
    else
      std::printf("Relacy's history above shows the failing interleaving; fix the core and add this suite's case\n");
  }
  std::fflush(stdout);
  return as_expected;
}

/// The budget `b`, raised by CHANCHECK_RELACY_ITERATIONS and CHANCHECK_RELACY_CONTEXT_BOUND.
inline search_budget from_environment(search_budget b) {
  if (const char* v = std::getenv("CHANCHECK_RELACY_ITERATIONS"))
    b.random_iterations = std::max<rl::iteration_t>(b.random_iterations, std::strtoull(v, nullptr, 10));
  if (const char* v = std::getenv("CHANCHECK_RELACY_CONTEXT_BOUND"))
    b.context_bound = std::max<unsigned>(b.context_bound, static_cast<unsigned>(std::strtoul(v, nullptr, 10)));
  return b;
}

/// Runs Suite under the random and the context-bound schedulers; the exit code.
template <class Suite>
int run_suite(const char* name, search_budget b = {}, rl::test_result_e expected = rl::test_result_success) {
  b = from_environment(b);
  bool ok = run_one<Suite>(name, rl::random_scheduler_type, b, expected);
  ok = run_one<Suite>(name, rl::fair_context_bound_scheduler_type, b, expected) && ok;
  return ok ? 0 : 1;
}

}  // namespace chancheck::relacy_test
