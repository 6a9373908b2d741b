// fiber_annotations.hpp: tells AddressSanitizer and ThreadSanitizer about the
// explorer's fiber switches, which they cannot see (Boost.Context switches
// stacks in assembly). Without it ASan mistakes a fiber's stack for the thread's
// when an exception is thrown (false reports after __asan_handle_no_return), and
// TSan mixes the fibers' call stacks and clocks.
//
// execution.cpp calls these at every switch: the host (the thread that runs an
// execution) and each task (fiber id >= 0). In a build without sanitizers every
// function is an empty inline, so the explorer's switch path is unchanged.
// The state (each fiber's stack bounds, ASan fake stack, TSan fiber) is per OS
// thread: one execution runs on one thread at a time.
#pragma once

#include <boost/context/fiber.hpp>
#include <boost/context/stack_context.hpp>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define CHANCHECK_FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHANCHECK_FIBER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define CHANCHECK_FIBER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CHANCHECK_FIBER_TSAN 1
#endif
#endif

#if defined(CHANCHECK_FIBER_ASAN)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(CHANCHECK_FIBER_TSAN)
#include <sanitizer/tsan_interface.h>
extern "C" void __tsan_func_exit();  // the instrumentation's own hook (not in the public header)
#endif

namespace chancheck::detail {

/// Sanitizer annotations of fiber switches. All members are static.
class fiber_annotations {
 public:
#if defined(CHANCHECK_FIBER_ASAN) || defined(CHANCHECK_FIBER_TSAN)
  static constexpr bool enabled = true;
#else
  static constexpr bool enabled = false;
#endif
  /// The id of the host (the thread that runs the execution).
  static constexpr int host = -1;

  /// On the host, before an execution's first switch.
  static void begin_execution() {
    if constexpr (enabled) {
      auto& s = state();
      for (auto& f : s.fibers) f.started = false;
      slot(host).started = true;
#if defined(CHANCHECK_FIBER_TSAN)
      slot(host).tsan = __tsan_get_current_fiber();
#endif
    }
  }

  /// The stack allocator for fiber `id`: `a` itself, or (with a sanitizer) a
  /// wrapper that records the stack's bounds.
  template <class Alloc>
  static auto stack_allocator(Alloc a, [[maybe_unused]] int id) {
    if constexpr (enabled)
      return recording_allocator<Alloc>{std::move(a), id};
    else
      return a;
  }

  /// Right after a fiber was constructed (on its creator). Boost.Context jumps
  /// into a new fiber's entry function and back at construction; TSan saw the
  /// entry's function-entry hook on the creator's call stack, without an exit.
  static void created() {
#if defined(CHANCHECK_FIBER_TSAN)
    __tsan_func_exit();
#endif
  }

  /// How a fiber leaves when it switches out.
  enum class leaving : std::uint8_t {
    suspends,  ///< it will be resumed
    returns,   ///< its function returned: it never runs again
  };

  /// Just before fiber `from` switches to fiber `to`.
  static void switch_out([[maybe_unused]] int from, [[maybe_unused]] int to, [[maybe_unused]] leaving how) {
    if constexpr (enabled) {
      auto& s = state();
      reserve(from, to);
      s.pending_from = from;
      [[maybe_unused]] fiber& t = slot(to);
#if defined(CHANCHECK_FIBER_ASAN)
      __sanitizer_start_switch_fiber(how == leaving::suspends ? &slot(from).fake_stack : nullptr, t.bottom, t.size);
#endif
#if defined(CHANCHECK_FIBER_TSAN)
      if (t.tsan == nullptr) {
        if (s.spare_tsan.empty()) {
          t.tsan = __tsan_create_fiber(0);
        } else {
          t.tsan = s.spare_tsan.back();
          s.spare_tsan.pop_back();
        }
      }
      void* target = t.tsan;
      if (how == leaving::returns && from != host) {
        // A fiber that returned left TSan's call stack balanced: reuse it (making
        // TSan fibers is costly). Abandoned fibers are dropped by abandon().
        s.spare_tsan.push_back(slot(from).tsan);
        slot(from).tsan = nullptr;
      }
      __tsan_switch_to_fiber(target, 0);
#endif
    }
  }

  /// Just after arriving on fiber `self`.
  static void switch_in([[maybe_unused]] int self) {
    if constexpr (enabled) {
      auto& s = state();
      reserve(self, s.pending_from);
      fiber& me = slot(self);
      me.started = true;
#if defined(CHANCHECK_FIBER_ASAN)
      const void* old_bottom = nullptr;
      std::size_t old_size = 0;
      __sanitizer_finish_switch_fiber(me.fake_stack, &old_bottom, &old_size);
      me.fake_stack = nullptr;
      fiber& from = slot(s.pending_from);
      if (s.pending_from == host && from.bottom == nullptr) {  // learn the host's stack
        from.bottom = old_bottom;
        from.size = old_size;
      }
#endif
    }
  }

  /// Resumes fiber `to` from fiber `self`, annotating both sides of the switch;
  /// returns what resume() returns. When `self` is unwound instead (teardown), the
  /// landing is annotated before the unwinding goes on.
  static boost::context::fiber resume(boost::context::fiber&& target, int self, int to) {
    if constexpr (!enabled) {
      return std::move(target).resume();
    } else {
      switch_out(self, to, leaving::suspends);
      try {
        boost::context::fiber back = std::move(target).resume();
        switch_in(self);
        return back;
      } catch (const boost::context::detail::forced_unwind&) {
        switch_in(self);
        throw;
      }
    }
  }

  /// On the host: fiber `id` is abandoned while suspended (teardown): it never runs
  /// again and its stack is reused as raw memory. Drops its TSan fiber and whatever
  /// ASan poisoned on its stack.
  static void abandon([[maybe_unused]] int id) {
    if constexpr (enabled) {
      fiber& f = slot(id);
#if defined(CHANCHECK_FIBER_ASAN)
      if (f.bottom) __asan_unpoison_memory_region(f.bottom, f.size);
      f.fake_stack = nullptr;
#endif
#if defined(CHANCHECK_FIBER_TSAN)
      if (f.tsan) __tsan_destroy_fiber(f.tsan);
      f.tsan = nullptr;
#endif
      f.started = false;
    }
  }

 private:
  struct fiber {
    const void* bottom = nullptr;  ///< lowest address of its stack
    std::size_t size = 0;
    void* fake_stack = nullptr;  ///< ASan's fake stack, saved while switched out
    void* tsan = nullptr;        ///< TSan's fiber
    bool started = false;        ///< it has run (so a switch into it is annotated)
  };
  struct thread_state {
    std::vector<fiber> fibers;      ///< index id + 1 (0 is the host)
    int pending_from = host;        ///< who switched last
    std::vector<void*> spare_tsan;  ///< TSan fibers of tasks that returned, for reuse
    ~thread_state() {
#if defined(CHANCHECK_FIBER_TSAN)
      for (std::size_t i = 1; i < fibers.size(); ++i)
        if (fibers[i].tsan) __tsan_destroy_fiber(fibers[i].tsan);
      for (void* f : spare_tsan) __tsan_destroy_fiber(f);
#endif
    }
  };

  template <class Alloc>
  struct recording_allocator {
    Alloc inner;
    int id;
    boost::context::stack_context allocate() {
      boost::context::stack_context sc = inner.allocate();
      fiber& f = slot(id);
      f.bottom = static_cast<const char*>(sc.sp) - sc.size;
      f.size = sc.size;
      f.fake_stack = nullptr;
      f.started = false;
      return sc;
    }
    void deallocate(boost::context::stack_context& sc) noexcept { inner.deallocate(sc); }
  };

  static thread_state& state() {
    thread_local thread_state s;
    return s;
  }
  /// Makes room for fibers a and b, so that references to both stay valid.
  static void reserve(int a, int b) {
    auto& v = state().fibers;
    auto n = static_cast<std::size_t>((a > b ? a : b) + 2);
    if (v.size() < n) v.resize(n);
  }
  static fiber& slot(int id) {
    reserve(id, id);
    return state().fibers[static_cast<std::size_t>(id + 1)];
  }
};

}  // namespace chancheck::detail
