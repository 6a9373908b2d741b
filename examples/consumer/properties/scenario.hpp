// properties/scenario.hpp: the orders service's own property names, at the path of
// chancheck's scenario registry.
#pragma once

namespace orders::properties {

/// The price of an order, or -1 when the lookup timed out.
inline bool is_price_or_timeout(int p, int id) { return p == id * 10 || p == -1; }

}  // namespace orders::properties
