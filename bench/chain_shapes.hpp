// chain_shapes.hpp: a chain of tasks handing one value along unbuffered channels,
// every task started up front (chancheck_chain times one execution of it,
// chancheck_fifo and the rendezvous test explore it whole).
#pragma once

#include <chancheck/chancheck.hpp>
#include <cstddef>
#include <vector>

namespace chancheck::bench {

/// main starts `tasks` links, link i receives on channel i and sends the value plus
/// one on channel i + 1; main feeds the first channel and returns what the last
/// one delivers (`tasks`).
inline int up_front_chain(int tasks) {
  std::vector<chan<int>> c;
  c.reserve(static_cast<std::size_t>(tasks) + 1);
  for (int i = 0; i <= tasks; ++i) c.push_back(make_chan<int>());
  for (int i = 0; i < tasks; ++i)
    go("link", [in = c[static_cast<std::size_t>(i)], out = c[static_cast<std::size_t>(i) + 1]] {
      out.send(in.recv().value + 1);
    });
  c.front().send(0);
  return c.back().recv().value;
}

}  // namespace chancheck::bench
