// search_state.cpp: packing values into words and reading them back (see search_state.hpp).
#include <chancheck/harness/strategies/search_state.hpp>

namespace chancheck::detail {

void search_state_writer::u32s(std::span<const std::uint32_t> v) {
  words_.push_back(v.size());
  for (std::size_t i = 0; i < v.size(); i += 2)
    words_.push_back(v[i] | (i + 1 < v.size() ? std::uint64_t{v[i + 1]} << 32 : 0));
}

void search_state_writer::i32s(std::span<const std::int32_t> v) {
  std::vector<std::uint32_t> u(v.begin(), v.end());
  u32s(u);
}

void search_state_writer::u8s(std::span<const std::uint8_t> v) {
  std::vector<std::uint32_t> u(v.begin(), v.end());
  u32s(u);
}

void search_state_writer::str(std::string_view s) {
  words_.push_back(s.size());
  for (std::size_t i = 0; i < s.size(); i += 8) {
    std::uint64_t w = 0;
    for (std::size_t b = 0; b < 8 && i + b < s.size(); ++b)
      w |= std::uint64_t{static_cast<unsigned char>(s[i + b])} << (8 * b);
    words_.push_back(w);
  }
}

std::uint64_t search_state_reader::u64() {
  if (failed_ || pos_ >= words_.size()) {
    failed_ = true;
    return 0;
  }
  return words_[pos_++];
}

std::uint64_t search_state_reader::below(std::uint64_t max) {
  std::uint64_t v = u64();
  if (v <= max) return v;
  failed_ = true;
  return 0;
}

std::size_t search_state_reader::count() { return static_cast<std::size_t>(below(words_.size() - pos_)); }

std::vector<std::uint32_t> search_state_reader::u32s() {
  std::uint64_t n = u64();
  if (failed_ || n > 2 * (words_.size() - pos_)) {
    failed_ = true;
    return {};
  }
  std::vector<std::uint32_t> v(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < v.size(); i += 2) {
    std::uint64_t w = u64();
    v[i] = static_cast<std::uint32_t>(w);
    if (i + 1 < v.size()) v[i + 1] = static_cast<std::uint32_t>(w >> 32);
  }
  return v;
}

std::vector<std::int32_t> search_state_reader::i32s() {
  std::vector<std::uint32_t> u = u32s();
  return {u.begin(), u.end()};
}

std::vector<std::uint8_t> search_state_reader::u8s() {
  std::vector<std::uint32_t> u = u32s();
  std::vector<std::uint8_t> v;
  v.reserve(u.size());
  for (std::uint32_t x : u) {
    if (x > 255) failed_ = true;
    v.push_back(static_cast<std::uint8_t>(x));
  }
  return v;
}

std::string search_state_reader::str() {
  std::uint64_t n = u64();
  if (failed_ || n > 8 * (words_.size() - pos_)) {
    failed_ = true;
    return {};
  }
  std::string s(static_cast<std::size_t>(n), '\0');
  for (std::size_t i = 0; i < s.size(); i += 8) {
    std::uint64_t w = u64();
    for (std::size_t b = 0; b < 8 && i + b < s.size(); ++b) s[i + b] = static_cast<char>(w >> (8 * b));
  }
  return s;
}

}  // namespace chancheck::detail
