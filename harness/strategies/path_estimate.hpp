// path_estimate.hpp: Knuth's estimate of the part of a search tree done, along
// the path of the last execution ("Estimating the efficiency of backtrack
// programs", Math. Comp. 29, 1975): each decision on the path is taken to split
// what is below it into subtrees of the same size, so a decision that took its
// branch `before` of `branches` has done before/branches of its share.
#pragma once

#include <cstdint>

namespace chancheck::detail {

/// Knuth's estimate along one path of decisions, root first.
class path_estimate {
 public:
  /// The next decision on the path: `before` of its `branches` (>= 1) are done.
  void step(std::uint32_t before, std::uint32_t branches) {
    done_ += weight_ * before / branches;
    weight_ /= branches;
  }
  /// The part done, 0 to 1, the path's own leaf included.
  double value() const { return done_ + weight_; }

 private:
  double done_ = 0;
  double weight_ = 1;  ///< the share of the tree below the path so far
};

}  // namespace chancheck::detail
