// stress.hpp: helpers of the real-thread stress tests (run under ThreadSanitizer
// by tools/sanitize.sh, and plainly by ctest). Every test is bounded twice: a
// number of rounds and a time budget per test (CHANCHECK_STRESS_SECONDS, 1 s by
// default), whichever ends first; and every test ends with the leak check, so a
// task left behind fails it.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>

#include <chancheck/chancheck.hpp>
#include <chancheck/gtest.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::stress {

using chancheck::testing::check_test_leaks;
using chancheck::testing::expect_no_leaks;

/// The time budget of one stress test.
inline std::chrono::steady_clock::duration budget() {
  double s = 1.0;
  if (const char* v = std::getenv("CHANCHECK_STRESS_SECONDS")) s = std::atof(v) > 0 ? std::atof(v) : s;
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(s));
}

/// Runs round(i) for i = 0, 1, ... until `max_rounds` or the budget is spent; the rounds run.
inline int for_rounds(int max_rounds, const std::function<void(int)>& round) {
  auto end = std::chrono::steady_clock::now() + budget();
  int i = 0;
  for (; i < max_rounds && (i == 0 || std::chrono::steady_clock::now() < end); ++i) round(i);
  return i;
}

/// A small deterministic generator per task (no shared state between tasks).
struct rng {
  std::uint64_t s;
  explicit rng(std::uint64_t seed) : s(seed * 0x9e3779b97f4a7c15ULL + 1) {}
  std::uint32_t operator()(std::uint32_t n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s % n);
  }
};

}  // namespace chancheck::stress
