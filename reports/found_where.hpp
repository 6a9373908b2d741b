// found_where.hpp: where a search found its violation, in the words every report
// uses: "execution 3", or "pct sample 2, after 2 dpor executions" when the
// portfolio's sampler found it beside the search.
#pragma once

#include <cstdint>
#include <string>

namespace chancheck::detail {

/// "execution N" for the search's N-th execution; "pct sample S, after N dpor executions" for a sample.
inline std::string found_where(bool in_sample, std::uint64_t executions, std::uint64_t samples) {
  if (!in_sample) return "execution " + std::to_string(executions);
  std::string s = "pct sample " + std::to_string(samples) + ", after " + std::to_string(executions);
  s += executions == 1 ? " dpor execution" : " dpor executions";
  return s;
}

}  // namespace chancheck::detail
