// schedule_token.cpp: varint payload (decisions as runs), FNV-1a checksum, base32
// (RFC 4648 alphabet, lower case, no padding). Every number is checked against
// the limits the CLI applies, and nothing may follow the last decision.
#include <chancheck/harness/schedule/schedule_token.hpp>

namespace chancheck::detail {

namespace {
constexpr std::string_view prefix = "cc2-";
constexpr std::string_view legacy_prefix = "cc1-";  // decisions one varint each, still read
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

namespace {

/// Appends decisions as runs: a value alone is varint(v << 1); a run of three or more
/// equal values is varint(v << 1 | 1), varint(length - 3). A step-limit execution
/// repeats one decision for most of its steps, so its token stays short.
void put_runs(std::vector<std::uint8_t>& out, const std::vector<std::uint32_t>& d) {
  for (std::size_t i = 0; i < d.size();) {
    std::size_t j = i;
    while (j < d.size() && d[j] == d[i]) ++j;
    std::uint64_t v = std::uint64_t{d[i]} << 1;
    if (j - i >= 3) {
      put_varint(out, v | 1);
      put_varint(out, j - i - 3);
      i = j;
    } else {
      put_varint(out, v);
      ++i;
    }
  }
}

std::string to_base32(const std::vector<std::uint8_t>& bytes) {
  std::string out;
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

/// Base32 text to bytes; false (with `error`) on a foreign character or altered padding.
bool from_base32(std::string_view text, std::vector<std::uint8_t>& bytes, std::string& error) {
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
    error =
        "the token's last character is not one an encoder writes: it was changed; copy the whole token from the report";
    return false;
  }
  return true;
}

/// Reads the payload between the header and the checksum: bytes [pos, end).
class payload_reader {
 public:
  payload_reader(const std::vector<std::uint8_t>& bytes, std::size_t end) : bytes_(bytes), end_(end) {}
  /// A varint no larger than `max`; false when damaged, cut off or too large.
  bool number(std::uint64_t max, std::uint64_t& v) { return get_varint(bytes_, pos_, end_, v) && v <= max; }
  bool byte(std::uint8_t& b) {
    if (pos_ >= end_) return false;
    b = bytes_[pos_++];
    return true;
  }
  bool at_end() const { return pos_ == end_; }

 private:
  const std::vector<std::uint8_t>& bytes_;
  std::size_t end_;
  std::size_t pos_ = 0;
};

constexpr std::uint64_t max_u32 = 0xffffffffu;

/// Reads `count` decisions, one varint each (cc1) or as runs (cc2).
bool get_decisions(payload_reader& in, std::uint64_t count, bool runs, std::vector<std::uint32_t>& out) {
  out.clear();
  out.reserve(static_cast<std::size_t>(count));
  while (out.size() < count) {
    std::uint64_t v = 0, extra = 0;
    if (!in.number(runs ? (max_u32 << 1 | 1) : max_u32, v)) return false;
    std::uint64_t n = 1;
    if (runs) {
      if ((v & 1) && !in.number(count, extra)) return false;
      n = (v & 1) ? extra + 3 : 1;
      v >>= 1;
    }
    if (n > count - out.size()) return false;
    out.insert(out.end(), static_cast<std::size_t>(n), static_cast<std::uint32_t>(v));
  }
  return true;
}

}  // namespace

std::string schedule_token::encode() const {
  std::vector<std::uint8_t> bytes;
  put_varint(bytes, scenario_hash);
  // The mode byte: bit 0 the time mode, bit 1 "a task bound follows the step bound",
  // bit 2 "a tick budget follows" (after the task bound, if any).
  const bool tasks = max_tasks != execution_options{}.max_tasks;
  const bool ticks = tick_budget != execution_options{}.tick_budget;
  bytes.push_back(static_cast<std::uint8_t>((time == time_mode::any ? 0 : 1) | (tasks ? 2 : 0) | (ticks ? 4 : 0)));
  put_varint(bytes, max_steps);
  if (tasks) put_varint(bytes, max_tasks);
  if (ticks) put_varint(bytes, tick_budget);
  put_varint(bytes, decisions.size());
  put_runs(bytes, decisions);
  std::uint32_t sum = fnv1a(bytes.data(), bytes.size());
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(sum >> (8 * i)));
  return std::string(prefix) + to_base32(bytes);
}

bool schedule_token::decode(std::string_view text, schedule_token& out, std::string& error) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const bool runs = text.substr(0, prefix.size()) == prefix;
  if (!runs && text.substr(0, legacy_prefix.size()) != legacy_prefix) {
    error =
        "not a chancheck replay token (a token starts with \"cc2-\" or \"cc1-\"); copy the whole token from the report";
    return false;
  }
  text.remove_prefix(prefix.size());
  std::vector<std::uint8_t> bytes;
  if (!from_base32(text, bytes, error)) return false;
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
  return read_payload(bytes, end, runs, out, error);
}

bool schedule_token::read_payload(const std::vector<std::uint8_t>& bytes, std::size_t end, bool runs,
                                  schedule_token& out, std::string& error) {
  payload_reader in(bytes, end);
  std::uint64_t hash = 0, steps = 0, count = 0;
  std::uint8_t mode = 0;
  std::uint64_t tasks = execution_options{}.max_tasks, ticks = execution_options{}.tick_budget;
  if (!in.number(max_u32, hash) || !in.byte(mode) || mode > (runs ? 7 : 1) || !in.number(max_u32, steps) ||
      ((mode & 2) && !in.number(max_u32, tasks)) || ((mode & 4) && !in.number(max_u32, ticks))) {
    error = "the token is damaged: its header does not read; copy the whole token from the report";
    return false;
  }
  if (tasks < 1 || tasks > max_task_bound) {
    error = "the token's task bound " + std::to_string(tasks) + " is outside 1.." + std::to_string(max_task_bound) +
            ", the range --max-tasks accepts; it was not made by chancheck";
    return false;
  }
  if (ticks > max_tick_budget) {
    error = "the token's tick budget " + std::to_string(ticks) + " is outside 0.." + std::to_string(max_tick_budget) +
            ", the range --tick-budget accepts; it was not made by chancheck";
    return false;
  }
  if (steps < 1 || steps > max_step_bound) {
    error = "the token's step bound " + std::to_string(steps) + " is outside 1.." + std::to_string(max_step_bound) +
            ", the range --max-steps accepts; it was not made by chancheck";
    return false;
  }
  // A step makes at most a few decisions (who runs, which case, whether a timer fires).
  if (!in.number(decisions_per_step * steps, count) || (!runs && count > end)) {
    error = "the token is damaged: it claims more decisions than its step bound allows";
    return false;
  }
  if (!get_decisions(in, count, runs, out.decisions)) {
    error = "the token is damaged: its decisions do not read; copy the whole token from the report";
    return false;
  }
  if (!in.at_end()) {
    error = "the token has bytes after its last decision: it was changed; copy the whole token from the report";
    return false;
  }
  out.scenario_hash = static_cast<std::uint32_t>(hash);
  out.time = (mode & 1) == 0 ? time_mode::any : time_mode::exact;
  out.max_steps = static_cast<std::uint32_t>(steps);
  out.max_tasks = static_cast<std::uint32_t>(tasks);
  out.tick_budget = static_cast<std::uint32_t>(ticks);
  return true;
}

}  // namespace chancheck::detail
