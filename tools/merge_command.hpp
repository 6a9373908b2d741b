// merge_command.hpp: `chancheck merge FILES...` combines the JSON results of the
// shards of one search (tools/shard_merge) into one verdict per scenario, prints
// them with a closing line, and writes one JSON result and one set of reports.
// `run -j N` (tools/shard_jobs) ends the same way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/cli_options.hpp"

namespace chancheck::detail {

/// Where and how merged results are shown.
struct merged_output {
  std::string json_path;                              ///< --json FILE, or ""
  const std::vector<std::string>* reports = nullptr;  ///< --report KIND:FILE, each
  bool check_expected = false;
  bool quiet = false;
  double seconds = -1;  ///< the closing line's time, or -1 for none
};

/// Prints the merged scenarios and writes their JSON result and reports; the exit code (0, 1 or 2).
int show_merged(const std::vector<nlohmann::json>& scenarios, unsigned shards, const merged_output& out);

/// `merge`: the exit code.
int merge_main(const merge_flags& flags);

}  // namespace chancheck::detail
