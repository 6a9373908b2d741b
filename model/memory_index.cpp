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
  if (built_ && address(was.begin) < address(was.end)) {
    auto [first, last] = sorted_.equal_range(address(was.begin));
    for (auto it = first; it != last; ++it)
      if (it->second.task == task && it->second.stack == stack) {
        sorted_.erase(it);
        break;
      }
  }
  was = r;
  if (built_) insert(slot);
  return true;
}

void memory_index::insert(std::size_t slot) const {
  const memory_range& r = slots_[slot];
  const std::uintptr_t b = address(r.begin), e = address(r.end);
  if (b >= e) return;
  auto it = sorted_.emplace(b, entry{e, static_cast<std::int32_t>(slot / 2), slot % 2 == 0});
  overlap_ = overlap_ || (it != sorted_.begin() && std::prev(it)->second.end > b) ||
             (std::next(it) != sorted_.end() && std::next(it)->first < e);
}

void memory_index::build() const {
  sorted_.clear();
  overlap_ = false;
  for (std::size_t slot = 0; slot < slots_.size(); ++slot) insert(slot);
  built_ = true;
}

void memory_index::clear() {
  slots_.clear();
  sorted_.clear();
  built_ = false;
  overlap_ = false;
}

std::int32_t memory_index::find(std::uintptr_t a, bool stacks_only) const {
  if (slots_.size() <= scan_slots || overlap_ || (!built_ && (build(), overlap_))) {
    for (std::size_t slot = 0; slot < slots_.size(); ++slot)  // in task order: the lowest task that holds it
      if ((slot % 2 == 0 || !stacks_only) && a >= address(slots_[slot].begin) && a < address(slots_[slot].end))
        return static_cast<std::int32_t>(slot / 2);
    return -1;
  }
  auto it = sorted_.upper_bound(a);
  if (it == sorted_.begin()) return -1;
  --it;
  return a < it->second.end && (it->second.stack || !stacks_only) ? it->second.task : -1;
}

}  // namespace chancheck::detail
