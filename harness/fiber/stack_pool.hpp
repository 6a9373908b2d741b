// stack_pool.hpp: fiber stacks kept across executions. Each stack is mmap'd once
// with a guard page below it and handed out again after its fiber ends, so an
// exploration of a million executions maps only as many stacks as it has tasks
// alive at once. Every guard page is also listed in a process-wide table that a
// fault handler may read, to tell a stack overflow from any other bad access.
#pragma once

#include <boost/context/stack_context.hpp>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace chancheck::detail {

/// A pool of fixed-size fiber stacks.
class stack_pool {
 public:
  /// Stacks of `size` bytes (rounded up to whole pages).
  explicit stack_pool(std::size_t size = 256 * 1024);
  ~stack_pool();
  stack_pool(const stack_pool&) = delete;
  stack_pool& operator=(const stack_pool&) = delete;

  boost::context::stack_context allocate();
  void deallocate(boost::context::stack_context& sc) noexcept;
  /// How many stacks were ever mapped.
  std::size_t mapped() const noexcept { return mapped_; }
  /// The size of each stack, in bytes.
  std::size_t stack_size() const noexcept { return size_; }
  /// Unmaps the free stacks and hands out stacks of `size` bytes from now on. Call
  /// it only while no stack is in use.
  void resize(std::size_t size);

  /// True when a fault at `addr` with the stack pointer at `sp` is a fiber stack's
  /// overflow: `addr` or `sp` lies in a stack's guard page, or `sp` lies below one by
  /// less than 64 MB and inside no stack (a frame larger than the guard page jumped
  /// over it). `sp` may be null when unknown. Async-signal-safe: for a SIGSEGV
  /// handler. Guard pages past the first 65,536 stacks mapped at once are not listed.
  static bool overflows_a_stack(const void* addr, const void* sp) noexcept;

 private:
  void unmap_free() noexcept;

  std::size_t size_;
  std::size_t mapped_ = 0;
  std::vector<boost::context::stack_context> free_;
  std::unordered_map<std::uintptr_t, std::size_t> guard_slot_;  ///< per mapped stack: its guard page's slot
};

/// The StackAllocator that Boost.Context calls; it forwards to a pool.
struct pooled_stack {
  stack_pool* pool;
  boost::context::stack_context allocate() { return pool->allocate(); }
  void deallocate(boost::context::stack_context& sc) noexcept { pool->deallocate(sc); }
};

}  // namespace chancheck::detail
