// leak_profile.cpp: leak_profile() on real threads (see leak_check.hpp), the
// explorer's mid-run leak check (model/leak_fixpoint.hpp) run over a snapshot of
// the live tasks.
//
// A snapshot of threads that keep running is not one instant, so the answer is
// kept only when it cannot have changed while it was taken: every task it names
// was parked, with no wake-up, both before and after the check (its park and
// wake counts did not move), and the fixpoint found, in between, every handle of
// what it waits on in such tasks' memory and no other task able to reach that
// memory. Nothing can then reach those tasks later: a new handle or pointer can
// only be copied from one that exists. When a named task moved, the check runs
// again (three times at most, then names nothing). No task starts or ends while
// it runs (live_tasks::examine), so the closures and stacks it reads stay mapped.
#include <array>
#include <atomic>
#include <mutex>
#include <unordered_map>

#include <chancheck/model/handle_registry.hpp>
#include <chancheck/model/leak_check.hpp>
#include <chancheck/model/leak_fixpoint.hpp>

namespace chancheck {

namespace detail {
namespace {

std::atomic<bool> profiling{false};
std::atomic<int> user_timers{0};

/// The channels made on real threads since leak_profile_enable(), by id, and the
/// stacks of the threads that enabled it (main, usually): threads that are not
/// tasks, whose variables a task's closure may refer to (`[&]`).
struct chan_table {
  std::mutex m;
  std::unordered_map<std::uint32_t, handle_registry*> chans;
  std::vector<memory_range> roots;

  static chan_table& get() {
    static chan_table* t = new chan_table();  // never destroyed: detached tasks may outlive main
    return *t;
  }
};

/// What the fixpoint reads of a task: blocked with no wake-up since it parked, in an
/// operation on channels whose every channel is known.
leak_task_view view_of(const live_task_state& s) {
  leak_task_view v;
  const task_snapshot& t = s.snapshot;
  const bool waiting = t.blocked && s.parks == s.wakes + 1;
  if (waiting && (t.op == op_kind::send || t.op == op_kind::recv) && t.obj != 0) v.waits.push_back(t.obj);
  if (waiting && t.op == op_kind::select && s.cases_known)
    for (std::uint32_t id : s.cases)
      if (id != 0) v.waits.push_back(id);
  v.blocked_on_channels = !v.waits.empty();
  v.escaped = s.escaped;
  v.stack = s.stack;
  v.closure = s.closure;
  v.opaque = s.closure.begin == nullptr;
  return v;
}

/// The tasks of `states` the fixpoint finds leaked (indices into `states`).
std::vector<std::int32_t> leaked_in(const std::vector<live_task_state>& states) {
  std::vector<leak_task_view> views;
  views.reserve(states.size());
  for (const auto& s : states) views.push_back(view_of(s));
  chan_table& table = chan_table::get();
  std::lock_guard<std::mutex> g(table.m);         // a listed channel is not destroyed while the fixpoint reads it
  for (const memory_range& root : table.roots) {  // never candidates: they can run
    leak_task_view v;
    v.stack = root;
    views.push_back(v);
  }
  auto find = [&table](std::uint32_t id) -> handle_registry* {
    auto it = table.chans.find(id);
    return it == table.chans.end() ? nullptr : it->second;
  };
  leak_fixpoint check;
  return check.leaked(views, find, {});
}

/// True when every task of `found` in `before` is in `after`, parked as it was.
bool unmoved(const std::vector<live_task_state>& before, const std::vector<std::int32_t>& found,
             const std::vector<live_task_state>& after) {
  for (std::int32_t i : found) {
    const live_task_state& b = before[static_cast<std::size_t>(i)];
    bool same = false;
    for (const auto& a : after)
      if (a.snapshot.serial == b.snapshot.serial) same = a.parks == b.parks && a.wakes == b.wakes && a.snapshot.blocked;
    if (!same) return false;
  }
  return true;
}

}  // namespace

bool leak_profiling() noexcept { return profiling.load(std::memory_order_relaxed); }

void user_timer_armed(int delta) noexcept { user_timers.fetch_add(delta, std::memory_order_acq_rel); }

bool real_chan_made(std::uint32_t id, handle_registry* r) {
  chan_table& t = chan_table::get();
  std::lock_guard<std::mutex> g(t.m);
  t.chans[id] = r;
  return true;
}

void real_chan_gone(std::uint32_t id) {
  chan_table& t = chan_table::get();
  std::lock_guard<std::mutex> g(t.m);
  t.chans.erase(id);
}

}  // namespace detail

void leak_profile_enable() noexcept {
  const detail::memory_range stack = detail::this_thread_stack();
  detail::chan_table& t = detail::chan_table::get();
  {
    std::lock_guard<std::mutex> g(t.m);
    bool known = false;
    for (const auto& r : t.roots) known = known || r.begin == stack.begin;
    if (!known && stack.begin) t.roots.push_back(stack);
  }
  detail::profiling.store(true, std::memory_order_relaxed);
}

leak_profile_report leak_profile() {
  leak_profile_report r;
  r.enabled = detail::leak_profiling();
  for (int attempt = 0; r.enabled && attempt < 3; ++attempt) {
    if (detail::user_timers.load(std::memory_order_acquire) > 0) return r;
    bool moved = false;
    detail::live_tasks::examine([&](const detail::live_tasks::state_reader& states) {
      const std::vector<detail::live_task_state> before = states();
      const std::vector<std::int32_t> found = detail::leaked_in(before);
      moved = !found.empty() && !detail::unmoved(before, found, states());
      for (std::int32_t i : found)
        if (!moved) r.leaked.push_back(before[static_cast<std::size_t>(i)].snapshot);
    });
    if (!moved) return r;
  }
  return r;
}

std::string leak_profile_report::text() const {
  if (!enabled)
    return "leak profile: call chancheck::leak_profile_enable() first, before the channels to watch are made\n";
  if (leaked.empty()) return {};
  std::string s = "leak profile: " + std::to_string(leaked.size()) + (leaked.size() == 1 ? " task" : " tasks") +
                  " blocked forever: no task that can still run can reach the channels they wait on\n";
  for (const auto& t : leaked) {
    s += "  task " + std::to_string(t.serial) + " \"" + t.name + "\", started at " + t.spawned_at.file_name() + ":" +
         std::to_string(t.spawned_at.line()) + "\n";
    s += "    blocked in " + describe_task_op(t) + " at " + t.op_loc.file_name() + ":" +
         std::to_string(t.op_loc.line()) + "\n";
  }
  return s;
}

}  // namespace chancheck
