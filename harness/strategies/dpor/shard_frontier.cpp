// shard_frontier.cpp: dpor's root expanded fully and split between shards (see shard_frontier.hpp).
#include <chancheck/harness/strategies/dpor/shard_frontier.hpp>

namespace chancheck::detail {

bool shard_frontier::finish(decision_tree& tree, const execution_record& r) {
  foreign_ = false;
  if (!on_) return true;
  if (tree.nodes().empty()) {  // no decision at all: the only execution, shard 0's
    foreign_ = slice_.index != 0;
    return !foreign_;
  }
  if (first_) {
    first_ = false;
    tree.root().access_once = true;
    if (!tree.root().is_choice) tree.add_backtrack(0, decision_tree::every_option);
  }
  if (!probe_) return true;
  tree.record_accesses(r);  // the root branch's transition, for the sleep sets of the next ones
  tree.truncate(1);
  foreign_ = true;
  return false;
}

bool shard_frontier::advance(decision_tree& tree) {
  while (tree.advance()) {
    const decision_tree::node& root = tree.nodes().front();
    probe_ = tree.nodes().size() == 1 && !slice_.owns(root.chosen);
    // A select choice has no transition to learn: another shard's choice is stepped over.
    if (!probe_ || !root.is_choice) return true;
  }
  return false;
}

}  // namespace chancheck::detail
