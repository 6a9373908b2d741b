// shard_frontier.cpp: dpor's first decisions expanded fully and their subtrees split between shards (see
// shard_frontier.hpp).
#include <chancheck/harness/strategies/dpor/shard_frontier.hpp>

namespace chancheck::detail {

shard_frontier::shard_frontier(bool on, shard_slice slice) : on_(on), slice_(slice), probe_(on && slice.index != 0) {}

bool shard_frontier::finish(decision_tree& tree, const execution_record& r) {
  foreign_ = false;
  if (!on_) return true;
  if (tree.size() == 0) {  // no decision at all: the only execution, shard 0's
    foreign_ = slice_.index != 0;
    return !foreign_;
  }
  // A decision above the frontier, reached for the first time: every option is a branch.
  for (std::size_t d = 0; d < depth_ && d < tree.size(); ++d) {
    decision_tree::node& x = tree.node_at(d);
    if (x.access_once) continue;
    x.access_once = true;
    if (!x.is_choice) tree.add_backtrack(static_cast<std::int32_t>(d), decision_tree::every_option);
  }
  if (!probe_) return true;
  tree.record_accesses(r);  // the transitions above the frontier, for the sleep sets of the next branches
  tree.truncate(depth_);
  foreign_ = true;
  return false;
}

bool shard_frontier::advance(decision_tree& tree) {
  if (!tree.advance()) return false;
  if (tree.size() <= depth_) probe_ = !slice_.owns(++subtree_);  // a new subtree at the frontier
  return true;
}

}  // namespace chancheck::detail
