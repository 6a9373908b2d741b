// option_pool.hpp: the options of each of dpor's decisions, kept compactly.
//
// The engine offers a decision's options in one order (strategy.hpp): the running
// task first when it can go on, then the other runnable tasks ascending, then the
// timers that may fire (negative processes). With thousands of runnable tasks a
// decision offers thousands of options, and keeping each list whole made dpor's
// memory the depth of an execution times its width (1.7 GB for one execution of a
// chain of 10,001 tasks started up front). The pool keeps the tasks as a bit set
// over the words they span, a bit per task, and only the lead task and the timers
// as values: 64 times less, and a decision is read back or compared word by word.
// The words run from the lowest runnable task's to the highest's: a decision that
// offers only a low and a high task pays for the words between them (a sparse set
// of words, each with its index, took 1.3 times the memory on the up-front chain,
// where every word holds tasks, and was dropped).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <chancheck/harness/strategies/search_state.hpp>

namespace chancheck::detail {

/// Where one decision's options lie in an option_pool.
struct option_span {
  std::int32_t lead = 0;          ///< the first option (a task, or the first timer when no task can run)
  std::uint32_t word_lo = 0;      ///< the first word of the tasks' bit set (task t is bit t % 64 of word t / 64)
  std::uint32_t words = 0;        ///< where that word lies in the pool
  std::uint32_t word_count = 0;   ///< how many words the tasks span
  std::uint32_t timers = 0;       ///< the first timer in the pool
  std::uint32_t timer_count = 0;  ///< how many timers
};

/// The options of a stack of decisions, pushed and popped in stack order.
class option_pool {
 public:
  /// Reads a decision's options into scratch; false when they are not in the
  /// engine's order (tasks with the lead first and the rest ascending, then timers).
  bool scan(std::span<const std::int32_t> options);
  /// The same, reading the tasks from `runnable`, the engine's bit set of the
  /// runnable tasks (live_execution::runnable_tasks), in time linear in its words.
  bool scan(std::span<const std::int32_t> options, std::span<const std::uint64_t> runnable);
  /// True when the options scanned last are those of `s`.
  bool scanned_equal(const option_span& s) const;
  /// Appends the options scanned last; returns where they lie.
  option_span push_scanned();
  /// A span of no options, at the end of the pool (a select's choice).
  option_span push_none() const { return {0, 0, size32(words_.size()), 0, size32(timers_.size()), 0}; }
  /// Drops `s` and everything pushed after it.
  void pop(const option_span& s);

  /// How many options `s` holds.
  std::uint32_t size(const option_span& s) const;
  /// Option o of `s` (o < size(s)).
  std::int32_t at(const option_span& s, std::uint32_t o) const;
  /// The index of process q among the options of `s`, or size(s) when q is not one.
  std::uint32_t index_of(const option_span& s, std::int32_t q) const;
  /// Every option of `s`, in order, into `out`.
  void decode(const option_span& s, std::vector<std::int32_t>& out) const;

  /// Appends the options of `s` to a checkpoint's state.
  void save(search_state_writer& out, const option_span& s) const;
  /// Reads options save() wrote and appends them; false when misshapen.
  bool read(search_state_reader& in, option_span& s);

 private:
  static std::uint32_t size32(std::size_t n) { return static_cast<std::uint32_t>(n); }
  /// Word w (absolute) of `s`'s bit set, 0 outside it.
  std::uint64_t word(const option_span& s, std::uint32_t w) const {
    return w >= s.word_lo && w - s.word_lo < s.word_count ? words_[s.words + (w - s.word_lo)] : 0;
  }

  /// The scanned word that holds task t, 0 outside the scanned bit set.
  std::uint64_t word_at_scan(std::int32_t t) const {
    const std::uint32_t w = static_cast<std::uint32_t>(t) / 64;
    return w >= lo_ && w - lo_ < scan_words_.size() ? scan_words_[w - lo_] : 0;
  }

  std::vector<std::uint64_t> words_;
  std::vector<std::int32_t> timers_;
  // Scratch of scan().
  std::int32_t lead_ = 0;
  std::uint32_t lo_ = 0;
  std::vector<std::uint64_t> scan_words_;
  std::vector<std::int32_t> scan_timers_;
};

}  // namespace chancheck::detail
