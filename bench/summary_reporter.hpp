// summary_reporter.hpp: a Google Benchmark console reporter that also keeps the
// counters of each benchmark's measured run, so that a program can print a
// summary (ratios against a peer) after the table.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::bench {

/// The console table, plus the counters of each benchmark's last measured run.
class summary_reporter final : public benchmark::ConsoleReporter {
 public:
  explicit summary_reporter(OutputOptions o) : ConsoleReporter(o) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      if (r.run_type == Run::RT_Iteration && !r.error_occurred)
        for (const auto& [name, c] : r.counters) counters_[base_name(r)][name] = c.value;
    ConsoleReporter::ReportRuns(runs);
  }
  /// A benchmark's name and arguments, without the time suffixes ("stream/cap1/chancheck/1").
  static std::string base_name(const Run& r) {
    const auto& n = r.run_name;
    return n.args.empty() ? n.function_name : n.function_name + "/" + n.args;
  }
  /// A counter of a benchmark, or 0 when it did not run.
  double get(const std::string& bench, const std::string& counter) const {
    auto b = counters_.find(bench);
    if (b == counters_.end()) return 0;
    auto c = b->second.find(counter);
    return c == b->second.end() ? 0 : c->second;
  }

 private:
  std::map<std::string, std::map<std::string, double>> counters_;
};

}  // namespace chancheck::bench
