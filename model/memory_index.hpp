// memory_index.hpp: the address ranges of the tasks' memory (each task's stack
// and go() closure). With few tasks "which task's memory holds this address" is a
// scan of them; past 64 tasks the ranges are also kept in a tree, built at the
// first lookup and updated as tasks start and end, so a lookup is a search, not a
// scan. The mid-run leak check asks it for the owner of every channel handle and
// of every pointer a message carries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include <chancheck/model/controller.hpp>

namespace chancheck::detail {

/// The tasks' stacks and closures, by address.
class memory_index {
 public:
  /// Sets task `task`'s stack (or closure) to `r` (empty: none); true when it changed.
  bool set(std::int32_t task, bool stack, const memory_range& r);
  /// Forgets every range.
  void clear();
  /// The task whose stack (or, unless `stacks_only`, closure) holds address `a`,
  /// or -1. When two ranges overlap (never for live fibers and heap boxes), the
  /// lowest task that holds it, as a scan of the tasks in order finds.
  std::int32_t find(std::uintptr_t a, bool stacks_only = false) const;

 private:
  struct entry {
    std::uintptr_t end;
    std::int32_t task;
    bool stack;
  };

  /// Puts slot `slot`'s range, as it is now, in the tree.
  void insert(std::size_t slot) const;
  /// Builds the tree from every slot.
  void build() const;

  static constexpr std::size_t scan_slots = 128;  ///< up to 64 tasks, find() scans
  std::vector<memory_range> slots_;               ///< per task: its stack, then its closure
  /// The non-empty ranges by begin, when built_ (a tree: tasks come and go in any order).
  mutable std::multimap<std::uintptr_t, entry> sorted_;
  mutable bool built_ = false;    ///< sorted_ holds every slot
  mutable bool overlap_ = false;  ///< two ranges in the tree overlap: find() scans
};

}  // namespace chancheck::detail
