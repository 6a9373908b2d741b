// shard_slice.hpp: which part of one search a shard explores (`--shard I/N`).
// The first decision of every execution (the root of the search tree) is the
// same, so its options split the tree into independent subtrees: shard I
// explores the subtrees of the options o with o mod N = I. An execution with no
// decision at all belongs to shard 0. Sampling strategies split by execution
// number instead: execution k (from 1) belongs to shard (k - 1) mod N.
#pragma once

#include <cstdint>

#include <chancheck/harness/record/explore_options.hpp>

namespace chancheck::detail {

/// The part of a search one shard explores; the whole search when not sharded.
struct shard_slice {
  std::uint32_t index = 0;  ///< I
  std::uint32_t count = 1;  ///< N (1: the whole search)

  /// The slice `options` asks for (index 0 of 1 when not sharded).
  static shard_slice of(const explore_options& options) {
    return options.sharded() ? shard_slice{options.shard_index, options.shard_count} : shard_slice{};
  }
  /// True when root option (or execution number from 0) `k` is this shard's.
  bool owns(std::uint64_t k) const { return k % count == index; }
  /// The first root option from `from` on that is this shard's.
  std::uint32_t first_owned(std::uint32_t from) const {
    const std::uint32_t r = from % count;
    return from - r + index + (r > index ? count : 0);
  }
  /// How many of the executions 1..total are this shard's.
  std::uint64_t share(std::uint64_t total) const { return total > index ? (total - index - 1) / count + 1 : 0; }
};

}  // namespace chancheck::detail
