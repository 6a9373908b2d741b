// stack_pool.hpp: fiber stacks kept across executions. Each stack is mmap'd once
// with a guard page below it and handed out again after its fiber ends, so an
// exploration of a million executions maps only as many stacks as it has tasks
// alive at once.
#pragma once

#include <boost/context/stack_context.hpp>
#include <cstddef>
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

 private:
  std::size_t size_;
  std::size_t mapped_ = 0;
  std::vector<boost::context::stack_context> free_;
};

/// The StackAllocator that Boost.Context calls; it forwards to a pool.
struct pooled_stack {
  stack_pool* pool;
  boost::context::stack_context allocate() { return pool->allocate(); }
  void deallocate(boost::context::stack_context& sc) noexcept { pool->deallocate(sc); }
};

}  // namespace chancheck::detail
