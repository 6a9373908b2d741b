// shared_journal.cpp: the shared mapping of a crash journal.
#include "tools/isolation/shared_journal.hpp"

#include <sys/mman.h>

#include <new>

namespace chancheck::detail {

shared_journal::shared_journal() {
  void* p = ::mmap(nullptr, sizeof(crash_journal), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  journal_ = new (p) crash_journal();
}

shared_journal::~shared_journal() {
  journal_->~crash_journal();
  ::munmap(journal_, sizeof(crash_journal));
}

void shared_journal::reset() {
  journal_->~crash_journal();
  journal_ = new (journal_) crash_journal();
}

}  // namespace chancheck::detail
