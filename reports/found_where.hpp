// found_where.hpp: what a search ran and where it found its violation, in the
// words every report uses: "4 executions and 1 pct sample"; "execution 3", or
// "pct sample 2, after 2 dpor executions" when the portfolio's sampler found it
// beside the search.
#pragma once

#include <cstdint>
#include <string>

namespace chancheck::detail {

/// "N executions", and " and S pct samples" when the portfolio ran S > 0 samples beside them.
inline std::string runs_phrase(std::uint64_t executions, std::uint64_t samples) {
  std::string s = std::to_string(executions) + (executions == 1 ? " execution" : " executions");
  if (samples > 0) s += " and " + std::to_string(samples) + (samples == 1 ? " pct sample" : " pct samples");
  return s;
}

/// "execution N" for the search's N-th execution; "pct sample S, after N dpor executions" for a sample.
inline std::string found_where(bool in_sample, std::uint64_t executions, std::uint64_t samples) {
  if (!in_sample) return "execution " + std::to_string(executions);
  std::string s = "pct sample " + std::to_string(samples) + ", after " + std::to_string(executions);
  s += executions == 1 ? " dpor execution" : " dpor executions";
  return s;
}

}  // namespace chancheck::detail
