// leak_fixpoint.cpp: which blocked tasks are leaked now (see leak_fixpoint.hpp).
//
// The candidates start as every task blocked on channels whose memory did not
// escape in a message. A candidate stays one only while every handle of every
// channel it waits on lies in a candidate's stack or closure, every reference to
// those channels is a handle, and no task that is not a candidate can reach a
// candidate's memory: through a word of its closure (a `[&]` capture, a pointer
// captured by value) or through a variable of its stack that some closure refers
// to (a task that wrote `p = &local` into a captured variable of main). A task
// whose captures the check cannot read (opaque) could reach anything, so while one
// can run nothing is named. Each rule only removes candidates, so repeating them
// until nothing changes gives the greatest set: the tasks that are leaked now.
// Every word read is a capture or a captured variable, never a stale stack slot,
// so every build names the same tasks at the same step.
#include <chancheck/model/leak_fixpoint.hpp>

#include <algorithm>

#include <chancheck/model/handle_registry.hpp>

namespace chancheck::detail {

namespace {
using word [[gnu::may_alias]] = std::uintptr_t;
constexpr std::uintptr_t word_size = sizeof(std::uintptr_t);

std::uintptr_t align_up(std::uintptr_t a) { return (a + word_size - 1) & ~(word_size - 1); }

// A word of a closure box or a captured variable: memory the sanitizers did not see this task write.
[[gnu::no_sanitize_address, gnu::no_sanitize("thread")]] std::uintptr_t read_word(std::uintptr_t a) {
  return *reinterpret_cast<const word*>(a);
}
}  // namespace

std::vector<std::int32_t> leak_fixpoint::leaked(const std::vector<leak_task_view>& tasks, const chan_lookup& chans,
                                                const std::vector<std::uint32_t>& changed_chans,
                                                const memory_index* index) {
  tasks_ = &tasks;
  candidate_.assign(tasks.size(), 0);
  scanned_.assign(tasks.size(), 0);
  bool any = false;
  for (std::size_t i = 0; i < tasks.size(); ++i)
    any |= (candidate_[i] = tasks[i].blocked_on_channels && !tasks[i].escaped) != 0;
  // The tasks waiting on a changed channel that stays reachable keep what they
  // reach alive, as before the change (checked then): nothing new is leaked.
  if (!any) return {};
  if (index)
    index_ = index;
  else
    index_ranges(), index_ = &own_index_;
  if (!changed_chans.empty() && reachable_by_handle(changed_chans, chans)) return {};
  collect_referents();
  for (bool changed = true; changed;) {
    changed = false;
    left_ = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (candidate_[i] && reachable_by_handle(tasks[i].waits, chans)) candidate_[i] = 0, changed = true;
      left_ += candidate_[i] ? 1 : 0;
    }
    for (std::size_t u = 0; u < tasks.size() && !changed && left_ > 0; ++u)
      if (!candidate_[u] && !scanned_[u]) changed = drop_reachable_from(u);
  }
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < tasks.size(); ++i)
    if (candidate_[i]) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

void leak_fixpoint::index_ranges() {
  // Stacks and closures change only when a task starts or ends: only what changed moves.
  for (std::size_t i = 0; i < std::max(tasks_->size(), own_tasks_); ++i) {
    const bool here = i < tasks_->size();
    own_index_.set(static_cast<std::int32_t>(i), true, here ? (*tasks_)[i].stack : memory_range{});
    own_index_.set(static_cast<std::int32_t>(i), false, here ? (*tasks_)[i].closure : memory_range{});
  }
  own_tasks_ = tasks_->size();
}

void leak_fixpoint::collect_referents() {
  referents_.resize(tasks_->size());
  for (auto& r : referents_) r.clear();
  for (const leak_task_view& t : *tasks_) {
    const auto b = align_up(reinterpret_cast<std::uintptr_t>(t.closure.begin));
    for (auto p = b; p + word_size <= reinterpret_cast<std::uintptr_t>(t.closure.end); p += word_size) {
      const std::uintptr_t w = read_word(p);
      if (const std::int32_t y = stack_of(w); y >= 0) referents_[static_cast<std::size_t>(y)].push_back(w);
    }
  }
}

bool leak_fixpoint::drop_reachable_from(std::size_t u) {
  scanned_[u] = 1;
  const leak_task_view& t = (*tasks_)[u];
  if (t.opaque) {  // it may hold a pointer to anything
    candidate_.assign(candidate_.size(), 0);
    left_ = 0;
    return true;
  }
  bool dropped = drop_pointed_at(reinterpret_cast<std::uintptr_t>(t.closure.begin),
                                 reinterpret_cast<std::uintptr_t>(t.closure.end));
  const auto top = reinterpret_cast<std::uintptr_t>(t.stack.end);
  for (std::uintptr_t a : referents_[u]) {
    const std::uintptr_t v = align_up(a);
    if (v + word_size <= top) dropped |= drop_pointed_at(v, v + word_size);
  }
  return dropped;
}

bool leak_fixpoint::drop_pointed_at(std::uintptr_t begin, std::uintptr_t end) {
  bool dropped = false;
  for (auto p = align_up(begin); p + word_size <= end && left_ > 0; p += word_size) {
    const std::int32_t o = owner_of(read_word(p));
    if (o >= 0 && candidate_[static_cast<std::size_t>(o)]) {
      candidate_[static_cast<std::size_t>(o)] = 0, dropped = true, --left_;
    }
  }
  return dropped;
}

}  // namespace chancheck::detail
