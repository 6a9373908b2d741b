// midrun_leak_check.cpp: the mid-run leak check (see midrun_leak_check.hpp).
//
// The candidates start as every task blocked on channels. A candidate stays one
// only while every handle of every channel it waits on lies in a candidate's stack
// or closure, every reference to those channels is a handle, and no word in the
// memory of a task that is not a candidate (its live stack, its closure) points
// into a candidate's stack or closure (a `[&]` capture, a pointer passed down):
// such a task could read a handle there and wake it. Each rule only removes
// candidates, so repeating them until nothing changes gives the greatest set: the
// tasks that are leaked now.
#include <chancheck/harness/engine/midrun_leak_check.hpp>

#include <chancheck/model/handle_registry.hpp>

namespace chancheck::detail {

namespace {
using word [[gnu::may_alias]] = std::uintptr_t;

bool contains(const memory_range& r, std::uintptr_t a) {
  return a >= reinterpret_cast<std::uintptr_t>(r.begin) && a < reinterpret_cast<std::uintptr_t>(r.end);
}
}  // namespace

std::vector<std::int32_t> midrun_leak_check::leaked(const std::vector<leak_task_view>& tasks,
                                                    const std::vector<handle_registry*>& chans,
                                                    const std::vector<std::uint32_t>& changed_chans) {
  tasks_ = &tasks;
  candidate_.assign(tasks.size(), 0);
  scanned_.assign(tasks.size(), 0);
  bool any = false;
  for (std::size_t i = 0; i < tasks.size(); ++i) any |= (candidate_[i] = tasks[i].blocked_on_channels) != 0;
  // The tasks waiting on a changed channel that stays reachable keep what they
  // reach alive, as before the change (checked then): nothing new is leaked.
  if (any && reachable_by_handle(changed_chans, chans)) return {};
  for (bool changed = any; changed;) {
    changed = false;
    left_ = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (candidate_[i] && reachable_by_handle(tasks[i].waits, chans)) candidate_[i] = 0, changed = true;
      left_ += candidate_[i] ? 1 : 0;
    }
    // The scan of the memory of the tasks that can run, only while candidates are left.
    for (std::size_t u = 0; u < tasks.size() && !changed && left_ > 0; ++u)
      if (!candidate_[u] && !scanned_[u]) changed = drop_pointed_at(u);
  }
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < tasks.size(); ++i)
    if (candidate_[i]) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

std::int32_t midrun_leak_check::owner_of(const void* a) const {
  const auto w = reinterpret_cast<std::uintptr_t>(a);
  for (std::size_t i = 0; i < tasks_->size(); ++i)
    if (contains((*tasks_)[i].stack, w) || contains((*tasks_)[i].closure, w)) return static_cast<std::int32_t>(i);
  return -1;
}

bool midrun_leak_check::reachable_by_handle(const std::vector<std::uint32_t>& ids,
                                            const std::vector<handle_registry*>& chans) const {
  for (std::uint32_t id : ids) {
    handle_registry* r = id < chans.size() ? chans[id] : nullptr;
    if (!r || r->references() > static_cast<long>(r->count())) return true;  // a reference that is not a handle
    bool outside = false;
    r->each([&](const void* h) {
      const std::int32_t o = owner_of(h);
      outside = outside || o < 0 || !candidate_[static_cast<std::size_t>(o)];
    });
    if (outside) return true;
  }
  return false;
}

// Reads other tasks' stacks word by word: memory the sanitizers did not see written.
[[gnu::no_sanitize_address]] bool midrun_leak_check::drop_pointed_at(std::size_t u) {
  scanned_[u] = 1;
  bool dropped = false;
  for (const memory_range& r : {(*tasks_)[u].live, (*tasks_)[u].closure}) {
    auto p = (reinterpret_cast<std::uintptr_t>(r.begin) + sizeof(void*) - 1) & ~(sizeof(void*) - 1);
    for (; p + sizeof(void*) <= reinterpret_cast<std::uintptr_t>(r.end); p += sizeof(void*)) {
      const std::uintptr_t w = *reinterpret_cast<const word*>(p);
      for (std::size_t c = 0; c < candidate_.size(); ++c)
        if (candidate_[c] && points_into(w, c)) candidate_[c] = 0, dropped = true, --left_;
    }
  }
  return dropped;
}

bool midrun_leak_check::points_into(std::uintptr_t w, std::size_t c) const {
  return contains((*tasks_)[c].stack, w) || contains((*tasks_)[c].closure, w);
}

}  // namespace chancheck::detail
