// option_pool.cpp: dpor's decisions' options as bit sets (see option_pool.hpp).
#include <chancheck/harness/strategies/dpor/option_pool.hpp>

#include <algorithm>
#include <bit>

namespace chancheck::detail {

namespace {

/// The bit of task t in its word.
std::uint64_t bit_of(std::int32_t t) { return std::uint64_t{1} << (static_cast<std::uint32_t>(t) % 64); }

/// The word of task t.
std::uint32_t word_of(std::int32_t t) { return static_cast<std::uint32_t>(t) / 64; }

/// Words a bit set of task ids (below 2^31) can span.
constexpr std::uint32_t max_words = std::uint32_t{1} << 25;

/// The k-th set bit of v (k < popcount(v)).
int select_bit(std::uint64_t v, int k) {
  for (; k > 0; --k) v &= v - 1;
  return std::countr_zero(v);
}

}  // namespace

bool option_pool::scan(std::span<const std::int32_t> options) {
  scan_words_.clear();
  scan_timers_.clear();
  lead_ = options.empty() ? 0 : options[0];
  lo_ = 0;
  std::size_t tasks = 0;
  while (tasks < options.size() && options[tasks] >= 0) ++tasks;
  for (std::size_t k = tasks; k < options.size(); ++k) {
    if (options[k] >= 0) return false;  // a task after a timer
    scan_timers_.push_back(options[k]);
  }
  if (tasks == 0) return true;
  for (std::size_t k = 2; k < tasks; ++k)
    if (options[k] <= options[k - 1]) return false;  // not ascending after the lead
  std::int32_t lo = lead_, hi = lead_;
  if (tasks > 1) lo = std::min(lo, options[1]), hi = std::max(hi, options[tasks - 1]);
  lo_ = word_of(lo);
  scan_words_.assign(word_of(hi) - lo_ + 1, 0);
  // The tasks after the lead, ascending: a word's bits gather in a register.
  std::uint32_t at = word_of(lo) - lo_;
  std::uint64_t bits = 0;
  for (std::size_t k = 1; k < tasks; ++k) {
    const std::int32_t t = options[k];
    if (word_of(t) - lo_ != at) {
      scan_words_[at] |= bits;
      at = word_of(t) - lo_, bits = 0;
    }
    bits |= bit_of(t);
  }
  scan_words_[at] |= bits;
  std::uint64_t& lead_word = scan_words_[word_of(lead_) - lo_];
  if (lead_word & bit_of(lead_)) return false;  // the lead twice
  lead_word |= bit_of(lead_);
  return true;
}

bool option_pool::scan(std::span<const std::int32_t> options, std::span<const std::uint64_t> runnable) {
  if (options.empty() || options[0] < 0) return scan(options);  // timers only: a short list
  std::size_t lo = 0, hi = runnable.size();
  while (lo < hi && runnable[lo] == 0) ++lo;
  while (hi > lo && runnable[hi - 1] == 0) --hi;
  lead_ = options[0];
  lo_ = size32(lo);
  scan_words_.assign(runnable.begin() + static_cast<std::ptrdiff_t>(lo),
                     runnable.begin() + static_cast<std::ptrdiff_t>(hi));
  scan_timers_.clear();
  std::size_t tasks = 0;
  for (const std::uint64_t w : scan_words_) tasks += static_cast<std::size_t>(std::popcount(w));
  // The options are these tasks, the lead among them, then the timers.
  if (tasks == 0 || tasks > options.size() || options[tasks - 1] < 0 || !(word_at_scan(lead_) & bit_of(lead_)))
    return false;
  for (std::size_t k = tasks; k < options.size(); ++k) {
    if (options[k] >= 0) return false;
    scan_timers_.push_back(options[k]);
  }
  return true;
}

bool option_pool::scanned_equal(const option_span& s) const {
  if (s.lead != lead_ || s.word_count != scan_words_.size() || s.timer_count != scan_timers_.size()) return false;
  if (s.word_count > 0 && s.word_lo != lo_) return false;
  return std::equal(scan_words_.begin(), scan_words_.end(), words_.begin() + s.words) &&
         std::equal(scan_timers_.begin(), scan_timers_.end(), timers_.begin() + s.timers);
}

option_span option_pool::push_scanned() {
  const option_span s{lead_,
                      lo_,
                      size32(words_.size()),
                      size32(scan_words_.size()),
                      size32(timers_.size()),
                      size32(scan_timers_.size())};
  words_.insert(words_.end(), scan_words_.begin(), scan_words_.end());
  timers_.insert(timers_.end(), scan_timers_.begin(), scan_timers_.end());
  return s;
}

void option_pool::pop(const option_span& s) {
  words_.resize(s.words);
  timers_.resize(s.timers);
}

std::uint32_t option_pool::size(const option_span& s) const {
  std::uint32_t n = s.timer_count;
  for (std::uint32_t w = 0; w < s.word_count; ++w) n += static_cast<std::uint32_t>(std::popcount(words_[s.words + w]));
  return n;
}

std::int32_t option_pool::at(const option_span& s, std::uint32_t o) const {
  if (s.word_count == 0) return timers_[s.timers + o];
  if (o == 0) return s.lead;
  int k = static_cast<int>(o) - 1;  // among the tasks after the lead
  for (std::uint32_t w = 0; w < s.word_count; ++w) {
    std::uint64_t v = words_[s.words + w];
    if (s.word_lo + w == word_of(s.lead)) v &= ~bit_of(s.lead);
    const int c = std::popcount(v);
    if (k < c) return static_cast<std::int32_t>(64 * (s.word_lo + w)) + select_bit(v, k);
    k -= c;
  }
  return timers_[s.timers + static_cast<std::uint32_t>(k)];
}

std::uint32_t option_pool::index_of(const option_span& s, std::int32_t q) const {
  const std::uint32_t n = size(s), tasks = n - s.timer_count;
  if (q < 0) {
    for (std::uint32_t k = 0; k < s.timer_count; ++k)
      if (timers_[s.timers + k] == q) return tasks + k;
    return n;
  }
  if (tasks == 0) return n;
  if (q == s.lead) return 0;
  const std::uint32_t w = word_of(q);
  const std::uint64_t below = bit_of(q) - 1;
  if (!(word(s, w) & bit_of(q))) return n;
  std::uint32_t rank = static_cast<std::uint32_t>(std::popcount(word(s, w) & below));
  for (std::uint32_t v = s.word_lo; v < w; ++v) rank += static_cast<std::uint32_t>(std::popcount(word(s, v)));
  return s.lead < q ? rank : rank + 1;  // the lead comes first, not at its rank
}

void option_pool::decode(const option_span& s, std::vector<std::int32_t>& out) const {
  out.clear();
  if (s.word_count > 0) out.push_back(s.lead);
  for (std::uint32_t w = 0; w < s.word_count; ++w)
    for (std::uint64_t v = words_[s.words + w]; v != 0; v &= v - 1) {
      const auto t = static_cast<std::int32_t>(64 * (s.word_lo + w)) + std::countr_zero(v);
      if (t != s.lead) out.push_back(t);
    }
  out.insert(out.end(), timers_.begin() + s.timers, timers_.begin() + s.timers + s.timer_count);
}

void option_pool::save(search_state_writer& out, const option_span& s) const {
  out.u64(static_cast<std::uint32_t>(s.lead));
  out.u64(s.word_lo);
  out.u64(s.word_count);
  for (std::uint32_t w = 0; w < s.word_count; ++w) out.u64(words_[s.words + w]);
  out.i32s(std::span(timers_).subspan(s.timers, s.timer_count));
}

bool option_pool::read(search_state_reader& in, option_span& s) {
  s.lead = static_cast<std::int32_t>(in.u32());
  // Task ids are below 2^31: their words below 2^25.
  s.word_lo = static_cast<std::uint32_t>(in.below(max_words));
  s.word_count = static_cast<std::uint32_t>(in.count());
  if (s.word_count > max_words - s.word_lo) in.fail();
  s.words = size32(words_.size());
  for (std::uint32_t w = 0; w < s.word_count && in.ok(); ++w) words_.push_back(in.u64());
  const std::vector<std::int32_t> timers = in.i32s();
  s.timers = size32(timers_.size()), s.timer_count = size32(timers.size());
  timers_.insert(timers_.end(), timers.begin(), timers.end());
  if (!in.ok()) return false;
  // The form scan() makes: a lead task in a bit set whose end words are not empty,
  // or no task and the lead the first timer; timers negative.
  const bool timers_ok = std::all_of(timers.begin(), timers.end(), [](std::int32_t t) { return t < 0; });
  if (s.word_count == 0) return timers_ok && (timers.empty() ? s.lead == 0 : s.lead == timers[0]);
  return timers_ok && s.lead >= 0 && (word(s, word_of(s.lead)) & bit_of(s.lead)) && words_[s.words] != 0 &&
         words_.back() != 0;
}

}  // namespace chancheck::detail
