// defer.hpp: Go's defer statement, written CHANCHECK_DEFER(call);
//
//   auto [ctx, cancel] = with_timeout(background(), 100ms);
//   CHANCHECK_DEFER(cancel());              // defer cancel()
//   mu.lock();
//   CHANCHECK_DEFER(mu.unlock());           // defer mu.Unlock()
//   CHANCHECK_DEFER({ wg.done(); log(); });  // defer func() { ... }()
//
// The call runs when the enclosing scope ends, last deferred first, also when a
// panic unwinds it. The macro names the guard itself, so the mistakes a guard type
// invites cannot be written: `defer([&] { ... });` (a temporary, run at once) does
// not compile, nor does `defer name(f);` (a declaration that reads like a call).
// docs/defer.md says why a macro, and how it differs from Go's defer.
#pragma once

#include <utility>

namespace chancheck {

namespace detail {
/// Runs a callable when it goes out of scope. Made and named only by CHANCHECK_DEFER.
template <class F>
class deferred_call {
 public:
  explicit deferred_call(F f) : f_(std::move(f)) {}
  ~deferred_call() noexcept(false) { f_(); }  // the deferred call may panic, as in Go
  deferred_call(const deferred_call&) = delete;
  deferred_call& operator=(const deferred_call&) = delete;

 private:
  F f_;
};

template <class... A>
inline constexpr bool defer_misused = false;
}  // namespace detail

/// Not Go's defer: a call of `defer(...)` would run at once, so it does not compile.
/// Write `CHANCHECK_DEFER(call);` to run the call when the scope ends.
template <class... A>
void defer(A&&...) {
  static_assert(detail::defer_misused<A...>,
                "defer(...) would run at once: write CHANCHECK_DEFER(call); (e.g. CHANCHECK_DEFER(cancel());) to run "
                "the call when the scope ends (docs/defer.md)");
}

}  // namespace chancheck

#define CHANCHECK_DEFER_CAT2(a, b) a##b
#define CHANCHECK_DEFER_CAT(a, b) CHANCHECK_DEFER_CAT2(a, b)

/// Go's `defer call`: runs `call` (a statement, or a block in braces) when the
/// enclosing scope ends; it sees the scope's variables as they are then.
#define CHANCHECK_DEFER(...)                                                              \
  ::chancheck::detail::deferred_call CHANCHECK_DEFER_CAT(chancheck_defer_, __COUNTER__) { \
    [&] { __VA_ARGS__; }                                                                  \
  }
