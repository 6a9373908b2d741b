// shard_merge.hpp: the shards of one search, combined (`chancheck merge`, `run -j`).
// Each shard's JSON result (docs/json.md, written by `run --shard I/N --json FILE`)
// holds the same scenarios, each with its `shard` (index, count and the options of
// the search). Merging is a pure function of the documents: per scenario, one
// object with the shards' total executions, exhaustive when every shard was, and
// the verdict and violations of the first shard (by index) that found one. Files
// of other scenarios, options or versions, and a missing or repeated shard, are
// refused with what to pass instead.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace chancheck::detail {

/// Shard results being merged.
class shard_merge {
 public:
  /// Adds the document `text` read from `path`; throws bad_usage when it is not a
  /// sharded chancheck result or does not fit the documents added before.
  void add(const std::string& path, const std::string& text);
  /// The merged scenario objects, in the first document's order; throws bad_usage when a shard is missing.
  std::vector<nlohmann::json> merged() const;
  /// How many shards the search was split into.
  std::uint32_t count() const { return count_; }

 private:
  void check_fits(const std::string& path, const nlohmann::json& doc, std::uint32_t index) const;

  std::string first_path_, producer_;
  std::uint32_t count_ = 0;
  nlohmann::json options_;
  std::vector<std::string> names_;                              ///< the scenarios, in the first file's order
  std::vector<std::string> path_of_;                            ///< per shard index: its file, or ""
  std::map<std::string, std::vector<nlohmann::json>> objects_;  ///< per scenario: its object per shard index
};

}  // namespace chancheck::detail
