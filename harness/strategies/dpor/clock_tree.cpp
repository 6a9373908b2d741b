// clock_tree.cpp: persistent vector clocks (see clock_tree.hpp).
#include <chancheck/harness/strategies/dpor/clock_tree.hpp>

#include <algorithm>

namespace chancheck::detail {

void clock_tree::reset(std::size_t entries) {
  arena_.assign(1, node{});  // node 0: all zeros, never written
  owned_from_ = 1;
  levels_ = 1;
  for (std::size_t reach = 16; reach < entries; reach *= 16) ++levels_;
}

clock_tree::ref clock_tree::set_in(ref c, std::size_t q, std::uint32_t v, unsigned level) {
  const std::size_t d = (q >> (4 * level)) & 15;
  if (c >= owned_from_) {  // the step's own node: write it
    const std::uint32_t entry = level == 0 ? v : set_in(arena_[c][d], q, v, level - 1);
    arena_[c][d] = entry;  // after the recursion, which may move the arena
    return c;
  }
  node n = arena_[c];  // a copy: the recursion below may move the arena
  if (level == 0) {
    if (n[d] == v) return c;
    n[d] = v;
  } else {
    const ref child = set_in(n[d], q, v, level - 1);
    if (child == n[d]) return c;
    n[d] = child;
  }
  return add(n);
}

clock_tree::ref clock_tree::merge(ref a, ref b, unsigned level) {
  if (a == b || b == 0) return a;
  if (a == 0) return b;
  if (a >= owned_from_) {  // the step's own node: merge into it
    for (std::size_t k = 0; k < 16; ++k) {
      const std::uint32_t x = arena_[a][k], y = arena_[b][k];
      const std::uint32_t m = level == 0 ? std::max(x, y) : merge(x, y, level - 1);
      arena_[a][k] = m;
    }
    return a;
  }
  node m;
  bool is_a = true, is_b = true;
  for (std::size_t k = 0; k < 16; ++k) {
    const std::uint32_t x = arena_[a][k], y = arena_[b][k];
    m[k] = level == 0 ? std::max(x, y) : merge(x, y, level - 1);
    is_a = is_a && m[k] == x;
    is_b = is_b && m[k] == y;
  }
  if (is_a) return a;
  if (is_b) return b;
  return add(m);
}

}  // namespace chancheck::detail
