// family.hpp: the benchmark family "N independent process() calls". main starts
// N tasks and returns; each task calls the seed's process() (a search task, a
// 100 ms timeout, a result channel of the given capacity). Capacity 0 is the
// buggy family (each call can leak its search task), capacity 1 the fixed one.
// Shared by the family benchmark (bench/family_bench.cpp) and its test.
#pragma once

#include <chancheck/chancheck.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::bench {

/// The family member for N calls, and what its last execution returned.
class process_family {
 public:
  /// N calls of seed::process("x", capacity, 200ms), each in its own task.
  process_family(unsigned n, std::size_t capacity) : n_(n), capacity_(capacity) {}

  /// The scenario body. It writes into this object: keep the object alive while
  /// the body is explored.
  std::function<void()> body() {
    return [this] {
      results_.assign(n_, '-');
      for (unsigned i = 0; i < n_; ++i)
        go("process", [this, i] {
          std::string r = seed::process("x", capacity_, std::chrono::milliseconds(200));
          results_[i] = r == "search canceled" ? 'c' : 'r';
        });
    };
  }

  /// What each call returned in the last execution, in call order: 'c' (search
  /// canceled), 'r' (the result) or '-' (did not return).
  const std::string& results() const { return results_; }

  /// N, the number of calls.
  unsigned size() const { return n_; }
  /// The capacity of each call's result channel.
  std::size_t capacity() const { return capacity_; }

 private:
  unsigned n_;
  std::size_t capacity_;
  std::string results_;
};

}  // namespace chancheck::bench
