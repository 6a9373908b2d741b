// stack_pool.cpp: mmap'd stacks with a guard page, recycled.
#include <chancheck/harness/fiber/stack_pool.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <new>

namespace chancheck::detail {

namespace {
std::size_t page_size() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }
}  // namespace

stack_pool::stack_pool(std::size_t size) {
  std::size_t page = page_size();
  size_ = (size + page - 1) / page * page;
}

stack_pool::~stack_pool() {
  for (auto& sc : free_) ::munmap(static_cast<char*>(sc.sp) - sc.size - page_size(), sc.size + page_size());
}

boost::context::stack_context stack_pool::allocate() {
  if (!free_.empty()) {
    auto sc = free_.back();
    free_.pop_back();
    return sc;
  }
  std::size_t page = page_size();
  void* base = ::mmap(nullptr, size_ + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  ::mprotect(base, page, PROT_NONE);  // guard page: an overflow faults instead of corrupting
  ++mapped_;
  boost::context::stack_context sc;
  sc.size = size_;
  sc.sp = static_cast<char*>(base) + page + size_;
  return sc;
}

void stack_pool::deallocate(boost::context::stack_context& sc) noexcept { free_.push_back(sc); }

}  // namespace chancheck::detail
