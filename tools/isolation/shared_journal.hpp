// shared_journal.hpp: a crash journal in memory shared with the children forked after
// it is made (mmap MAP_SHARED | MAP_ANONYMOUS), so a parent reads what a child's engine
// wrote, even after the child died.
#pragma once

#include <chancheck/harness/record/crash_journal.hpp>

namespace chancheck::detail {

/// Owns one shared crash journal.
class shared_journal {
 public:
  /// Maps the journal; throws std::bad_alloc when the mapping fails.
  shared_journal();
  ~shared_journal();
  shared_journal(const shared_journal&) = delete;
  shared_journal& operator=(const shared_journal&) = delete;

  /// Clears it, for the next child.
  void reset();
  crash_journal& get() noexcept { return *journal_; }

 private:
  crash_journal* journal_;
};

}  // namespace chancheck::detail
