// shard_frontier.hpp: how dpor splits one search into shards (`--shard I/N`).
//
// dpor adds backtrack points to earlier decisions from races it finds deep in
// other subtrees, so independent shards of a plain dpor search would miss or
// repeat branches (Yang, Chen, Gopalakrishnan, Kirby, "Distributed dynamic
// partial order reduction", STTT 12(2), 2010, balance the load between workers
// for that reason). The frontier makes the subtrees independent: every option of
// the first decision (the root, common to every execution) is explored, as with
// a race on each, so no race found below can add a branch there; sleep sets stay
// on, each root branch's transition taken from the first execution of its
// branch. Below the root dpor runs as always. Shard I explores the root
// branches o with o mod N = I (shard_slice.hpp); for each earlier branch of
// another shard it runs one probe, only as far as the branch's first step (its
// transition goes into the sleep sets of the later branches), which is neither
// counted nor checked. The N shards then run exactly the executions of the
// search with the frontier and one shard (`--shard 0/1`).
#pragma once

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>
#include <chancheck/harness/strategies/shard_slice.hpp>

namespace chancheck::detail {

/// dpor's shard frontier: the root expanded fully, its branches split between shards.
class shard_frontier {
 public:
  /// `on`: a shard was asked for (any N, 1 included).
  shard_frontier(bool on, shard_slice slice) : on_(on), slice_(slice), probe_(on && slice.index != 0) {}

  /// True when the search has the frontier.
  bool on() const { return on_; }
  /// True when the execution under way, past its root step, is to be cut short (a probe).
  bool cut(const decision_tree& tree) const { return probe_ && tree.position() > 0; }
  /// After execution `r`: expands the root after the first one, and keeps only
  /// the root's transition of a probe. True when `r` is this shard's, to be
  /// analysed as always.
  bool finish(decision_tree& tree, const execution_record& r);
  /// Moves `tree` to the next execution this shard runs (of its own or a probe); false when none is left.
  bool advance(decision_tree& tree);
  /// False when the last execution was another shard's.
  bool counted() const { return !foreign_; }

 private:
  bool on_;
  shard_slice slice_;
  bool probe_;            ///< the execution under way is a probe of another shard's root branch
  bool first_ = true;     ///< no execution has ended yet
  bool foreign_ = false;  ///< the last execution was another shard's
};

}  // namespace chancheck::detail
