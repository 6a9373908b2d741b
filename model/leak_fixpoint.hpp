// leak_fixpoint.hpp: which blocked tasks are leaked now. A task blocked on channels
// that no task able to run again can reach is leaked: the explorer's mid-run leak
// check (harness/engine/execution_leaks.cpp) names it at the step where that became
// certain, and leak_profile() (model/leak_profile.hpp) on real threads, in the spirit of Go 1.26's
// goroutineleak profile (proposal golang/go#74609; Saioc, Lee, Møller and
// Chabbi, "Dynamic Partial Deadlock Detection and Recovery via Garbage
// Collection", ASPLOS 2025): a goroutine blocked on concurrency objects that no
// transitively runnable goroutine can reach is leaked. C++ has no garbage
// collector, so reachability here is what the kit can see, and only what reads the
// same in every build: where every channel handle lives, the captures of each
// task's closure, and the variables those captures refer to. It never reads raw
// stack memory, whose stale words differ between builds (docs/exploration.md).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <chancheck/model/controller.hpp>
#include <chancheck/model/handle_registry.hpp>
#include <chancheck/model/memory_index.hpp>

namespace chancheck::detail {

/// One task as the check sees it.
struct leak_task_view {
  /// Blocked in a send, receive or select on channels (never main): it may be leaked.
  bool blocked_on_channels = false;
  /// An address in its stack or closure was sent on a channel: anyone may hold it.
  bool escaped = false;
  /// Its captures live where the check cannot read them (a std::function passed to go()).
  bool opaque = false;
  std::vector<std::uint32_t> waits;  ///< the channels it waits on (when blocked_on_channels)
  memory_range stack;                ///< its whole fiber stack (empty once it returned)
  memory_range closure;              ///< its go() closure's captures (empty when unknown)
};

/// The handle registry of channel `id`, or nullptr when it is not known.
using chan_lookup = std::function<handle_registry*(std::uint32_t id)>;

/// Finds the tasks that are leaked now (a greatest fixpoint over the blocked tasks).
class leak_fixpoint {
 public:
  /// `chans` finds each channel's handle registry; `changed` are the channels whose
  /// change runs the check (a task blocked on them, or one of their handles went
  /// away; empty: check every task). Returns the leaked tasks, ascending; empty when
  /// none is certain. When one of `changed` keeps a reference outside the tasks
  /// blocked on channels, nothing new can be leaked: it returns at once.
  /// `index`, when given, holds the tasks' stacks and closures as the views do
  /// (the explorer keeps one as tasks start and end); else the check builds its own.
  std::vector<std::int32_t> leaked(const std::vector<leak_task_view>& tasks, const chan_lookup& chans,
                                   const std::vector<std::uint32_t>& changed, const memory_index* index = nullptr);

  /// True when a handle of one of channels `ids` lies outside the memory of the
  /// tasks `candidate` accepts (found through `index`), or a reference to one is
  /// not a handle: the tasks waiting on it may still be woken. The explorer asks
  /// this first, before it gathers the views of every task.
  template <class Candidate>
  static bool reachable_by_handle(const std::vector<std::uint32_t>& ids, const chan_lookup& chans,
                                  const memory_index& index, Candidate&& candidate) {
    for (std::uint32_t id : ids) {
      handle_registry* r = chans(id);
      if (!r || r->references() > static_cast<long>(r->count())) return true;  // a reference that is not a handle
      bool outside = false;
      r->each([&](const void* h) {
        const std::int32_t o = index.find(reinterpret_cast<std::uintptr_t>(h));
        outside = outside || o < 0 || !candidate(o);
      });
      if (outside) return true;
    }
    return false;
  }

 private:
  /// Brings the own index up to the tasks' stacks and closures (only what changed moves).
  void index_ranges();
  /// The task whose stack or closure holds address `a`, or -1.
  std::int32_t owner_of(std::uintptr_t a) const { return index_->find(a); }
  /// The task whose stack holds address `a`, or -1.
  std::int32_t stack_of(std::uintptr_t a) const { return index_->find(a, true); }
  /// True when some handle of one of `ids` lies outside the candidates, or a reference is not a handle.
  bool reachable_by_handle(const std::vector<std::uint32_t>& ids, const chan_lookup& chans) const {
    return reachable_by_handle(ids, chans, *index_, [this](std::int32_t t) { return candidate_[std::size_t(t)] != 0; });
  }
  /// Records, per task, the variables in its stack that some task's closure refers to.
  void collect_referents();
  /// Drops every candidate that task u (not a candidate) can reach through its
  /// closure or a variable of its stack that a closure refers to; false when none.
  bool drop_reachable_from(std::size_t u);
  /// Drops every candidate whose stack or closure the words of [begin, end) point into.
  bool drop_pointed_at(std::uintptr_t begin, std::uintptr_t end);

  const std::vector<leak_task_view>* tasks_ = nullptr;
  memory_index own_index_;                   ///< built from the views when the caller has no index
  std::size_t own_tasks_ = 0;                ///< the tasks own_index_ holds
  const memory_index* index_ = &own_index_;  ///< the index in use
  std::vector<char> candidate_;
  std::vector<char> scanned_;
  std::vector<std::vector<std::uintptr_t>> referents_;  ///< per task: referred-to addresses in its stack
  std::size_t left_ = 0;                                ///< candidates left
};

}  // namespace chancheck::detail
