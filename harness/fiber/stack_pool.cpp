// stack_pool.cpp: mmap'd stacks with a guard page, recycled; the table of guard pages.
#include <chancheck/harness/fiber/stack_pool.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <new>

namespace chancheck::detail {

namespace {
std::size_t page_size() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

/// The guard pages of the stacks mapped in this process: the page's address and the
/// size of the stack above it. A slot whose base is 0 is free. Atomics, so that a
/// signal handler reads whole values.
struct guard_table {
  static constexpr std::size_t capacity = 1u << 16;
  std::atomic<std::uintptr_t> base[capacity];
  std::atomic<std::size_t> size[capacity];
  std::atomic<std::size_t> used{0};  ///< slots ever taken
};
guard_table guards;

/// Lists a guard page; returns its slot, or capacity when the table is full.
std::size_t add_guard(std::uintptr_t base, std::size_t size) noexcept {
  std::size_t n = guards.used.load(std::memory_order_relaxed);
  std::size_t slot = n;
  if (n == guard_table::capacity) {  // full: look for a slot freed since
    for (slot = 0; slot < n && guards.base[slot].load(std::memory_order_relaxed) != 0; ++slot) {}
    if (slot == n) return guard_table::capacity;  // not listed: its overflow shows as a plain SIGSEGV
  } else {
    guards.used.store(n + 1, std::memory_order_relaxed);
  }
  guards.size[slot].store(size, std::memory_order_relaxed);
  guards.base[slot].store(base, std::memory_order_release);
  return slot;
}

/// Frees a guard page's slot, and the free slots at the end of the table, so that
/// the table stays as long as the stacks mapped at once, not as all ever mapped.
void remove_guard(std::size_t slot) noexcept {
  if (slot >= guard_table::capacity) return;
  guards.base[slot].store(0, std::memory_order_relaxed);
  std::size_t n = guards.used.load(std::memory_order_relaxed);
  while (n > 0 && guards.base[n - 1].load(std::memory_order_relaxed) == 0) --n;
  guards.used.store(n, std::memory_order_release);
}
}  // namespace

stack_pool::stack_pool(std::size_t size) { resize(size); }

stack_pool::~stack_pool() { unmap_free(); }

void stack_pool::resize(std::size_t size) {
  unmap_free();
  std::size_t page = page_size();
  size_ = (size + page - 1) / page * page;
}

void stack_pool::unmap_free() noexcept {
  for (auto& sc : free_) {
    char* base = static_cast<char*>(sc.sp) - sc.size - page_size();
    const auto slot = guard_slot_.find(reinterpret_cast<std::uintptr_t>(base));
    if (slot != guard_slot_.end()) remove_guard(slot->second), guard_slot_.erase(slot);
    ::munmap(base, sc.size + page_size());
  }
  free_.clear();
}

boost::context::stack_context stack_pool::allocate() {
  if (!free_.empty()) {
    auto sc = free_.back();
    free_.pop_back();
    return sc;
  }
  std::size_t page = page_size();
  void* base =
      ::mmap(nullptr, size_ + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  ::mprotect(base, page, PROT_NONE);  // guard page: an overflow faults instead of corrupting
  guard_slot_[reinterpret_cast<std::uintptr_t>(base)] = add_guard(reinterpret_cast<std::uintptr_t>(base), size_);
  ++mapped_;
  boost::context::stack_context sc;
  sc.size = size_;
  sc.sp = static_cast<char*>(base) + page + size_;
  return sc;
}

void stack_pool::deallocate(boost::context::stack_context& sc) noexcept { free_.push_back(sc); }

bool stack_pool::overflows_a_stack(const void* addr, const void* sp) noexcept {
  const auto a = reinterpret_cast<std::uintptr_t>(addr), p = reinterpret_cast<std::uintptr_t>(sp);
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));  // async-signal-safe
  constexpr std::uintptr_t reach = std::uintptr_t{64} << 20;               // the largest frame told from a wild pointer
  bool sp_below_a_stack = false, sp_in_a_stack = false;
  std::size_t n = guards.used.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < n; ++i) {
    std::uintptr_t base = guards.base[i].load(std::memory_order_acquire);
    if (base == 0) continue;
    std::uintptr_t top = base + page + guards.size[i].load(std::memory_order_relaxed);
    if ((a >= base && a < base + page) || (p >= base && p < base + page)) return true;  // in the guard page
    sp_in_a_stack |= p >= base + page && p < top;
    sp_below_a_stack |= p != 0 && p < base && base - p <= reach;
  }
  return sp_below_a_stack && !sp_in_a_stack;
}

}  // namespace chancheck::detail
