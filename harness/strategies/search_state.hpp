// search_state.hpp: a strategy's search state as plain words, for checkpoints
// (harness/record/search_checkpoint.hpp). A strategy's save() appends its state to a
// writer between executions; restore() reads it back into a fresh strategy built
// from the same options. The reader never trusts its input: a short or misshapen
// state sets its failure flag and yields zeros and empty values, never undefined
// behaviour, and the strategy then refuses the state.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chancheck::detail {

/// Appends values to a search state.
class search_state_writer {
 public:
  /// Appends one word.
  void u64(std::uint64_t v) { words_.push_back(v); }
  /// Appends a vector of 32-bit values: its length, then two values a word.
  void u32s(std::span<const std::uint32_t> v);
  /// Appends a vector of signed 32-bit values (as u32s).
  void i32s(std::span<const std::int32_t> v);
  /// Appends a vector of bytes (one value each, as u32s).
  void u8s(std::span<const std::uint8_t> v);
  /// Appends a string: its length, then eight bytes a word.
  void str(std::string_view s);
  /// Appends another state as one block: its length, then its words (a composite
  /// strategy's parts, each read back by its own reader).
  void block(const std::vector<std::uint64_t>& words) {
    words_.push_back(words.size());
    words_.insert(words_.end(), words.begin(), words.end());
  }
  /// The words written so far.
  const std::vector<std::uint64_t>& words() const { return words_; }
  /// Takes the words written.
  std::vector<std::uint64_t> take() { return std::move(words_); }

 private:
  std::vector<std::uint64_t> words_;
};

/// Reads back what a search_state_writer wrote, in the same order.
class search_state_reader {
 public:
  explicit search_state_reader(std::span<const std::uint64_t> words) : words_(words) {}

  /// The next word (0 past the end, which fails the reader).
  std::uint64_t u64();
  /// The next word as a value no larger than `max` (0 and a failure otherwise).
  std::uint64_t below(std::uint64_t max);
  /// The next word as a 32-bit value.
  std::uint32_t u32() { return static_cast<std::uint32_t>(below(UINT32_MAX)); }
  /// The next word as a flag (0 or 1).
  bool flag() { return below(1) != 0; }
  /// The next vector written by u32s().
  std::vector<std::uint32_t> u32s();
  /// The next vector written by i32s().
  std::vector<std::int32_t> i32s();
  /// The next vector written by u8s() (a value above 255 fails the reader).
  std::vector<std::uint8_t> u8s();
  /// The next string written by str().
  std::string str();
  /// The next block written by block(), for a reader of its own (empty, and a failure, when misshapen).
  std::span<const std::uint64_t> block() {
    const std::size_t n = count();
    const std::span<const std::uint64_t> b = words_.subspan(pos_, failed_ ? 0 : n);
    pos_ += b.size();
    return b;
  }
  /// A count of items that each take at least one word: fails when fewer words are left.
  std::size_t count();
  /// Marks the state as misshapen.
  void fail() { failed_ = true; }
  /// True when nothing was misshapen so far.
  bool ok() const { return !failed_; }
  /// True when nothing was misshapen and every word was read.
  bool done() const { return !failed_ && pos_ == words_.size(); }

 private:
  std::span<const std::uint64_t> words_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace chancheck::detail
