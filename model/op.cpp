// op.cpp: names of operation and object kinds, as traces print them (from their rows in op.hpp).
#include <chancheck/model/op.hpp>

#include <iterator>

namespace chancheck::detail {

const char* to_string(op_kind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < std::size(op_table) ? op_table[i].name : "?";
}

const char* to_string(object_kind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < std::size(object_table) ? object_table[i].name : "?";
}

}  // namespace chancheck::detail
