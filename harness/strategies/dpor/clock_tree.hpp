// clock_tree.hpp: vector clocks that share structure, for dpor's race analysis.
//
// A clock is a persistent 16-ary trie over the process indices (Driscoll,
// Sarnak, Sleator, Tarjan, "Making data structures persistent", JCSS 38(1),
// 1989: path copying), and every node lives in one arena that is emptied before
// each execution's analysis. Setting an entry copies the path to it (log16 of the
// processes, nodes of 64 bytes); joining two clocks walks only where they differ
// and returns one of them whole when it already holds the other, so a task that
// takes over a long chain of causality keeps the clock it received instead of
// copying every entry. Tree clocks (Mathur, Pavlogiannis, Tunç, Viswanathan, "A
// tree clock data structure for causal orderings in concurrent executions",
// ASPLOS 2022) make joins sublinear in the same spirit; the trie also lets every
// step keep its clock in O(1) memory when nothing new joined it, where a dense
// clock per step costs one entry per process.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace chancheck::detail {

/// An arena of persistent vector clocks over a fixed number of entries.
class clock_tree {
 public:
  /// A clock: an index into the arena; 0 is the clock of all zeros.
  using ref = std::uint32_t;

  /// Forgets every clock; clocks from now on have `entries` entries.
  void reset(std::size_t entries);
  /// Entry q of clock c.
  std::uint32_t at(ref c, std::size_t q) const {
    for (unsigned level = levels_ - 1; level > 0 && c != 0; --level) c = arena_[c][(q >> (4 * level)) & 15];
    return c == 0 ? 0 : arena_[c][q & 15];
  }
  /// Clock c with entry q set to v.
  ref with(ref c, std::size_t q, std::uint32_t v) { return set_in(c, q, v, levels_ - 1); }
  /// The entrywise maximum of a and b (a or b itself when it already holds the other).
  ref join(ref a, ref b) { return merge(a, b, levels_ - 1); }
  /// Makes every clock made so far immutable: the nodes made from now on belong
  /// to the clock being built (one step's) and later changes to it write them in
  /// place instead of copying them again.
  void seal() { owned_from_ = static_cast<ref>(arena_.size()); }
  /// How many nodes the clocks made since reset() take.
  std::size_t nodes() const { return arena_.size(); }

 private:
  using node = std::array<std::uint32_t, 16>;  ///< a leaf's entries, or an inner node's children

  ref set_in(ref c, std::size_t q, std::uint32_t v, unsigned level);
  ref merge(ref a, ref b, unsigned level);
  ref add(const node& n) {
    arena_.push_back(n);
    return static_cast<ref>(arena_.size() - 1);
  }

  std::vector<node> arena_;
  unsigned levels_ = 1;  ///< the trie's height: leaves are level 0
  ref owned_from_ = 1;   ///< nodes from here on may be written in place (see seal())
};

}  // namespace chancheck::detail
