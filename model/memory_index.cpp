// memory_index.cpp: the tasks' memory by address (see memory_index.hpp).
#include <chancheck/model/memory_index.hpp>

#include <iterator>

namespace chancheck::detail {

namespace {
std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
}  // namespace

bool memory_index::set(std::int32_t task, bool stack, const memory_range& r) {
  const std::size_t slot = 2 * static_cast<std::size_t>(task) + (stack ? 0 : 1);
  if (slots_.size() <= slot) slots_.resize(slot + 2);
  memory_range& was = slots_[slot];
  if (was.begin == r.begin && was.end == r.end) return false;
  if (address(was.begin) < address(was.end)) {
    auto [first, last] = sorted_.equal_range(address(was.begin));
    for (auto it = first; it != last; ++it)
      if (it->second.task == task && it->second.stack == stack) {
        sorted_.erase(it);
        break;
      }
  }
  const std::uintptr_t b = address(r.begin), e = address(r.end);
  if (b < e) {
    auto it = sorted_.emplace(b, entry{e, task, stack});
    overlap_ = overlap_ || (it != sorted_.begin() && std::prev(it)->second.end > b) ||
               (std::next(it) != sorted_.end() && std::next(it)->first < e);
  }
  was = r;
  return true;
}

void memory_index::clear() {
  slots_.clear();
  sorted_.clear();
  overlap_ = false;
}

std::int32_t memory_index::find(std::uintptr_t a, bool stacks_only) const {
  if (overlap_) {
    std::int32_t owner = -1;
    for (const auto& [begin, x] : sorted_)
      if (a >= begin && a < x.end && (x.stack || !stacks_only) && (owner < 0 || x.task < owner)) owner = x.task;
    return owner;
  }
  auto it = sorted_.upper_bound(a);
  if (it == sorted_.begin()) return -1;
  --it;
  return a < it->second.end && (it->second.stack || !stacks_only) ? it->second.task : -1;
}

}  // namespace chancheck::detail
