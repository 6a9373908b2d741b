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

bool contains(const memory_range& r, std::uintptr_t a) {
  return a >= reinterpret_cast<std::uintptr_t>(r.begin) && a < reinterpret_cast<std::uintptr_t>(r.end);
}

std::uintptr_t align_up(std::uintptr_t a) { return (a + word_size - 1) & ~(word_size - 1); }

// A word of a closure box or a captured variable: memory the sanitizers did not see this task write.
[[gnu::no_sanitize_address, gnu::no_sanitize("thread")]] std::uintptr_t read_word(std::uintptr_t a) {
  return *reinterpret_cast<const word*>(a);
}
}  // namespace

std::vector<std::int32_t> leak_fixpoint::leaked(const std::vector<leak_task_view>& tasks, const chan_lookup& chans,
                                                const std::vector<std::uint32_t>& changed_chans) {
  tasks_ = &tasks;
  candidate_.assign(tasks.size(), 0);
  scanned_.assign(tasks.size(), 0);
  bool any = false;
  for (std::size_t i = 0; i < tasks.size(); ++i)
    any |= (candidate_[i] = tasks[i].blocked_on_channels && !tasks[i].escaped) != 0;
  // The tasks waiting on a changed channel that stays reachable keep what they
  // reach alive, as before the change (checked then): nothing new is leaked.
  if (!any) return {};
  index_ranges();
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
  // Stacks and closures change only when a task starts or ends: most checks reuse the index.
  bool same = indexed_.size() == 2 * tasks_->size();
  for (std::size_t i = 0; same && i < tasks_->size(); ++i) {
    const leak_task_view& t = (*tasks_)[i];
    same = indexed_[2 * i].begin == t.stack.begin && indexed_[2 * i].end == t.stack.end &&
           indexed_[2 * i + 1].begin == t.closure.begin && indexed_[2 * i + 1].end == t.closure.end;
  }
  if (same) return;
  indexed_.clear();
  for (const leak_task_view& t : *tasks_) indexed_.insert(indexed_.end(), {t.stack, t.closure});
  ranges_.clear();
  for (std::size_t i = 0; i < tasks_->size(); ++i) {
    const leak_task_view& t = (*tasks_)[i];
    auto add = [&](const memory_range& r, bool stack) {
      const auto b = reinterpret_cast<std::uintptr_t>(r.begin), e = reinterpret_cast<std::uintptr_t>(r.end);
      if (b < e) ranges_.push_back({b, e, static_cast<std::int32_t>(i), stack});
    };
    add(t.stack, true);
    add(t.closure, false);
  }
  std::sort(ranges_.begin(), ranges_.end(),
            [](const indexed_range& x, const indexed_range& y) { return x.begin < y.begin; });
  overlap_ = false;
  for (std::size_t k = 1; k < ranges_.size(); ++k) overlap_ = overlap_ || ranges_[k].begin < ranges_[k - 1].end;
}

std::int32_t leak_fixpoint::find(std::uintptr_t a, bool stacks_only) const {
  if (overlap_) {
    for (std::size_t i = 0; i < tasks_->size(); ++i)
      if (contains((*tasks_)[i].stack, a) || (!stacks_only && contains((*tasks_)[i].closure, a)))
        return static_cast<std::int32_t>(i);
    return -1;
  }
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), a,
                             [](std::uintptr_t v, const indexed_range& r) { return v < r.begin; });
  if (it == ranges_.begin()) return -1;
  --it;
  return a < it->end && (it->stack || !stacks_only) ? it->task : -1;
}

std::int32_t leak_fixpoint::owner_of(std::uintptr_t a) const { return find(a, false); }

std::int32_t leak_fixpoint::stack_of(std::uintptr_t a) const { return find(a, true); }

bool leak_fixpoint::reachable_by_handle(const std::vector<std::uint32_t>& ids, const chan_lookup& chans) const {
  for (std::uint32_t id : ids) {
    handle_registry* r = chans(id);
    if (!r || r->references() > static_cast<long>(r->count())) return true;  // a reference that is not a handle
    bool outside = false;
    r->each([&](const void* h) {
      const std::int32_t o = owner_of(reinterpret_cast<std::uintptr_t>(h));
      outside = outside || o < 0 || !candidate_[static_cast<std::size_t>(o)];
    });
    if (outside) return true;
  }
  return false;
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
