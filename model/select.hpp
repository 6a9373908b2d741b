// select.hpp: Go's select statement.
//
//   select(recv(ctx.done(), [&] { result = "canceled"; }),
//          recv(results, [&](std::string r) { result = r; }),
//          send(out, v),
//          default_case([&] { ... }));
//
// When several cases are ready one is taken at random; under the explorer that
// is an explored choice, so an exhaustive search tries every ready case. A blocked
// select's cases on one channel (in one direction) are queued in a random order,
// as Go's runtime does, so a partner arriving later may complete any of them; under
// the explorer that order is an explored choice too. For a run-time number of cases,
// see select_case.hpp.
#pragma once

#include <cstdint>
#include <source_location>
#include <tuple>
#include <type_traits>
#include <utility>

#include <chancheck/model/chan.hpp>

namespace chancheck {

namespace detail {
struct no_action {
  void operator()() const noexcept {}
};

template <class T, class F>
struct recv_case {
  chan<T> ch;
  F fn;
  std::source_location loc;
  T value{};
  bool ok = false;
  static constexpr bool is_default = false;
  static constexpr bool is_send = false;
  void* elem() { return &value; }
  void run() {
    if constexpr (std::is_invocable_v<F&, T, bool>)
      fn(std::move(value), ok);
    else if constexpr (std::is_invocable_v<F&, T>)
      fn(std::move(value));
    else
      fn();
  }
};

template <class T, class F>
struct send_case {
  chan<T> ch;
  T value;
  F fn;
  std::source_location loc;
  bool ok = false;
  static constexpr bool is_default = false;
  static constexpr bool is_send = true;
  void* elem() { return &value; }
  void run() { fn(); }
};

template <class F>
struct default_case_t {
  F fn;
  std::source_location loc;
  static constexpr bool is_default = true;
  void run() { fn(); }
};

template <class C>
inline constexpr bool is_case_v = false;
template <class T, class F>
inline constexpr bool is_case_v<recv_case<T, F>> = true;
template <class T, class F>
inline constexpr bool is_case_v<send_case<T, F>> = true;
template <class F>
inline constexpr bool is_case_v<default_case_t<F>> = true;

/// A case made by recv(), send() or default_case().
template <class C>
concept is_select_case = is_case_v<C>;
}  // namespace detail

/// A receive case: `fn` is called with no argument, with the value, or with (value, ok).
template <class T, class F = detail::no_action>
detail::recv_case<T, std::decay_t<F>> recv(const chan<T>& ch, F&& fn = {},
                                           std::source_location loc = std::source_location::current()) {
  return {ch, std::forward<F>(fn), loc};
}

/// A send case: sends `value`, then calls `fn`.
template <class T, class V, class F = detail::no_action>
detail::send_case<T, std::decay_t<F>> send(const chan<T>& ch, V&& value, F&& fn = {},
                                           std::source_location loc = std::source_location::current()) {
  return {ch, T(std::forward<V>(value)), std::forward<F>(fn), loc};
}

/// The default case: taken only when no other case is ready.
template <class F = detail::no_action>
detail::default_case_t<std::decay_t<F>> default_case(F&& fn = {},
                                                     std::source_location loc = std::source_location::current()) {
  return {std::forward<F>(fn), loc};
}

/// Go's `select {}`: no cases, no default; blocks forever (a leak under the explorer,
/// reported at the caller's line).
inline int select(std::source_location loc = std::source_location::current()) {
  detail::op_desc op{detail::op_kind::select, 0, loc, nullptr, 0, false};
  if (!detail::dyn_runtime::schedule_point(op)) return -1;
  detail::chan_core::select(nullptr, 0, false, op);
  return -1;
}

/// Runs a select over the given cases; returns the position of the case taken.
template <class... Cases>
requires(detail::is_select_case<std::decay_t<Cases>>&&...) int select(Cases&&... cases) {
  constexpr std::size_t total = sizeof...(Cases);
  constexpr std::size_t ndefault = (0 + ... + (std::decay_t<Cases>::is_default ? 1 : 0));
  static_assert(ndefault <= 1, "a select has at most one default case");
  constexpr std::size_t n = total - ndefault;
  auto all = std::forward_as_tuple(cases...);

  detail::chan_core::select_case rt[n == 0 ? 1 : n];
  detail::case_desc desc[n == 0 ? 1 : n];
  std::uint32_t pos[n == 0 ? 1 : n] = {};                  // argument position of each channel case
  const detail::object_origin* made[n == 0 ? 1 : n] = {};  // where each case's channel was made
  std::source_location first_loc = std::source_location::current();
  bool have_loc = false;
  std::uint32_t default_pos = UINT32_MAX;
  {
    std::uint32_t k = 0;
    std::uint32_t p = 0;
    auto fill = [&](auto& c) {
      if constexpr (std::decay_t<decltype(c)>::is_default) {
        default_pos = p;
        if (!have_loc) first_loc = c.loc;  // a select with only a default: its line
      } else {
        if constexpr (std::decay_t<decltype(c)>::is_send && sizeof(c.value) >= sizeof(void*))
          detail::dyn_runtime::value_sent(&c.value, sizeof(c.value));
        rt[k] = {c.ch.core(), c.elem(), c.is_send, false};
        desc[k] = {c.ch.id(), c.is_send, c.loc};
        made[k] = c.ch.origin();
        if (!have_loc) {
          first_loc = c.loc;
          have_loc = true;
        }
        pos[k++] = p;
      }
      ++p;
    };
    std::apply([&](auto&... c) { (fill(c), ...); }, all);
  }
  detail::op_desc op{detail::op_kind::select, 0, first_loc, desc, static_cast<std::uint32_t>(n), ndefault == 1};
  if (!detail::dyn_runtime::schedule_point(op, made, n)) return -1;
  int k = detail::chan_core::select(rt, static_cast<std::uint32_t>(n), ndefault == 1, op);
  if (k < 0 && detail::dyn_runtime::tearing_down()) return -1;
  std::uint32_t taken = k < 0 ? default_pos : pos[k];
  if (taken == UINT32_MAX) return -1;  // execution torn down
  std::uint32_t p = 0;
  auto dispatch = [&](auto& c) {
    if (p++ != taken) return;
    if constexpr (!std::decay_t<decltype(c)>::is_default) {
      if (k >= 0) c.ok = rt[k].ok;
    }
    c.run();
  };
  std::apply([&](auto&... c) { (dispatch(c), ...); }, all);
  return static_cast<int>(taken);
}

}  // namespace chancheck
