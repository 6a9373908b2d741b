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
  std::vector<std::int32_t> leaked(const std::vector<leak_task_view>& tasks, const chan_lookup& chans,
                                   const std::vector<std::uint32_t>& changed);

 private:
  /// A task's stack or closure, in the address index.
  struct indexed_range {
    std::uintptr_t begin, end;
    std::int32_t task;
    bool stack;
  };

  /// Sorts the tasks' stacks and closures by address for owner_of() and stack_of().
  void index_ranges();
  /// The task whose stack or closure holds address `a`, or -1.
  std::int32_t owner_of(std::uintptr_t a) const;
  /// The task whose stack holds address `a`, or -1.
  std::int32_t stack_of(std::uintptr_t a) const;
  /// The task whose stack (or, unless `stacks_only`, closure) holds `a`, or -1: by
  /// binary search, or by scanning the tasks in order when two ranges overlap.
  std::int32_t find(std::uintptr_t a, bool stacks_only) const;
  /// True when some handle of one of `ids` lies outside the candidates, or a reference is not a handle.
  bool reachable_by_handle(const std::vector<std::uint32_t>& ids, const chan_lookup& chans) const;
  /// Records, per task, the variables in its stack that some task's closure refers to.
  void collect_referents();
  /// Drops every candidate that task u (not a candidate) can reach through its
  /// closure or a variable of its stack that a closure refers to; false when none.
  bool drop_reachable_from(std::size_t u);
  /// Drops every candidate whose stack or closure the words of [begin, end) point into.
  bool drop_pointed_at(std::uintptr_t begin, std::uintptr_t end);

  const std::vector<leak_task_view>* tasks_ = nullptr;
  std::vector<indexed_range> ranges_;  ///< every non-empty stack and closure, by address
  bool overlap_ = false;               ///< two ranges overlap: look up by scanning the tasks
  std::vector<memory_range> indexed_;  ///< per task, its stack and closure when ranges_ was built
  std::vector<char> candidate_;
  std::vector<char> scanned_;
  std::vector<std::vector<std::uintptr_t>> referents_;  ///< per task: referred-to addresses in its stack
  std::size_t left_ = 0;                                ///< candidates left
};

}  // namespace chancheck::detail
