// shard_frontier.hpp: how dpor splits one search into shards (`--shard I/N`).
//
// dpor adds backtrack points to earlier decisions from races it finds deep in
// other subtrees, so independent shards of a plain dpor search would miss or
// repeat branches (Yang, Chen, Gopalakrishnan, Kirby, "Distributed dynamic
// partial order reduction", STTT 12(2), 2010, balance the load between workers
// for that reason). The frontier makes the subtrees independent: every option of
// the first decisions (every decision of the first depth_ of each execution,
// common to all its continuations) is explored, as with a race on each, so no
// race found below can add a branch there; sleep sets stay on, each branch's
// transition taken from the first execution of its branch, and a lone option
// that sleeps ends the execution as redundant, so the extra branches end as
// soon as they only repeat earlier ones. Below the frontier dpor runs as always.
// The subtrees at the frontier, numbered in the order the search reaches them,
// are independent: shard I explores those numbered k with k mod N = I
// (shard_slice.hpp). For the others it runs one probe each, only as far as the
// frontier (the transitions above it go into the sleep sets of the later
// branches), which is neither counted nor checked. The N shards then run exactly
// the executions of the search with the frontier and one shard (`--shard 0/1`).
#pragma once

#include <cstddef>
#include <cstdint>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>
#include <chancheck/harness/strategies/shard_slice.hpp>

namespace chancheck::detail {

/// dpor's shard frontier: the first decisions expanded fully, the subtrees below them split between shards.
class shard_frontier {
 public:
  /// `on`: a shard was asked for (any N, 1 included).
  shard_frontier(bool on, shard_slice slice);

  /// True when the search has the frontier.
  bool on() const { return on_; }
  /// True when the execution under way, past its root step, is to be cut short (a probe).
  bool cut(const decision_tree& tree) const { return probe_ && tree.position() >= depth_; }
  /// After execution `r`: expands the decisions above the frontier it reached
  /// first, and keeps only a probe's transitions above the frontier. True when
  /// `r` is this shard's, to be analysed as always.
  bool finish(decision_tree& tree, const execution_record& r);
  /// Moves `tree` to the next execution this shard runs (of its own or a probe); false when none is left.
  bool advance(decision_tree& tree);
  /// False when the last execution was another shard's.
  bool counted() const { return !foreign_; }
  /// Appends the state a checkpoint needs between executions.
  void save(search_state_writer& out) const {
    out.u64(subtree_);
    out.u64(probe_ | first_ << 1 | foreign_ << 2);
  }
  /// Restores what save() wrote.
  void restore(search_state_reader& in) {
    subtree_ = in.u64();
    const std::uint64_t flags = in.below(7);
    probe_ = flags & 1, first_ = flags & 2, foreign_ = flags & 4;
  }

 private:
  bool on_;
  shard_slice slice_;
  /// Decisions above the frontier. Not N's: the same search for every number of
  /// shards. 8 spreads most of the catalog over 4 shards for 0.1% more executions
  /// (docs/exploration.md); deeper costs more probes.
  static constexpr std::size_t depth_ = 8;
  std::uint64_t subtree_ = 0;  ///< the frontier subtree under way, in the order of the search
  bool probe_;                 ///< the execution under way is a probe of another shard's root branch
  bool first_ = true;          ///< no execution has ended yet
  bool foreign_ = false;       ///< the last execution was another shard's
};

}  // namespace chancheck::detail
