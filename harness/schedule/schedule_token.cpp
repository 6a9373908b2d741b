// schedule_token.cpp: varint payload, FNV-1a checksum, base32 (RFC 4648
// alphabet, lower case, no padding).
#include <chancheck/harness/schedule/schedule_token.hpp>

namespace chancheck::detail {

namespace {
constexpr std::string_view prefix = "cc1-";
constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

std::uint32_t fnv1a(const std::uint8_t* p, std::size_t n) {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
  return h;
}

void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

bool get_varint(const std::vector<std::uint8_t>& in, std::size_t& pos, std::size_t end, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= end) return false;
    std::uint8_t b = in[pos++];
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}
}  // namespace

std::uint32_t schedule_token::hash_name(std::string_view name) {
  return fnv1a(reinterpret_cast<const std::uint8_t*>(name.data()), name.size());
}

std::string schedule_token::encode() const {
  std::vector<std::uint8_t> bytes;
  put_varint(bytes, scenario_hash);
  bytes.push_back(time == time_mode::any ? 0 : 1);
  put_varint(bytes, max_steps);
  put_varint(bytes, decisions.size());
  for (auto d : decisions) put_varint(bytes, d);
  std::uint32_t sum = fnv1a(bytes.data(), bytes.size());
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(sum >> (8 * i)));

  std::string out(prefix);
  std::uint32_t acc = 0;
  int bits = 0;
  for (auto b : bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(alphabet[(acc >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(alphabet[(acc << (5 - bits)) & 31]);
  return out;
}

bool schedule_token::decode(std::string_view text, schedule_token& out, std::string& error) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.substr(0, prefix.size()) != prefix) {
    error = "not a chancheck replay token (a token starts with \"cc1-\"); copy the whole token from the report";
    return false;
  }
  text.remove_prefix(prefix.size());
  std::vector<std::uint8_t> bytes;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : text) {
    int v = (ch >= 'a' && ch <= 'z') ? ch - 'a' : (ch >= '2' && ch <= '7') ? ch - '2' + 26 : -1;
    if (v < 0) {
      error = std::string("the token has a character that cannot be in a token: '") + ch +
              "'; copy the whole token from the report";
      return false;
    }
    acc = (acc << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bytes.push_back(static_cast<std::uint8_t>(acc >> (bits - 8)));
      bits -= 8;
    }
  }
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) {
    error = "the token's last character is not one an encoder writes: it was changed; copy the whole token from the report";
    return false;
  }
  if (bytes.size() < 8) {
    error = "the token is too short: it was cut off; copy the whole token from the report";
    return false;
  }
  std::size_t end = bytes.size() - 4;
  std::uint32_t sum = 0;
  for (int i = 0; i < 4; ++i) sum |= static_cast<std::uint32_t>(bytes[end + i]) << (8 * i);
  if (sum != fnv1a(bytes.data(), end)) {
    error = "the token's checksum does not match: it was changed or cut off; copy the whole token from the report";
    return false;
  }
  std::size_t pos = 0;
  std::uint64_t v = 0, count = 0, steps = 0;
  if (!get_varint(bytes, pos, end, v) || pos >= end) {
    error = "the token is damaged";
    return false;
  }
  out.scenario_hash = static_cast<std::uint32_t>(v);
  out.time = bytes[pos++] == 0 ? time_mode::any : time_mode::exact;
  if (!get_varint(bytes, pos, end, steps) || !get_varint(bytes, pos, end, count) || count > end) {
    error = "the token is damaged";
    return false;
  }
  out.max_steps = static_cast<std::uint32_t>(steps);
  out.decisions.clear();
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!get_varint(bytes, pos, end, v)) {
      error = "the token is damaged";
      return false;
    }
    out.decisions.push_back(static_cast<std::uint32_t>(v));
  }
  return true;
}

}  // namespace chancheck::detail
