// rapidcheck.hpp: RapidCheck properties over explored Go-style code (opt-in).
//
//   RC_GTEST_PROP(Process, NeverLeaks, ()) {
//     const auto latency = *chancheck::gen_duration(0ms, 200ms);
//     const auto timeout = *chancheck::gen_duration(1ms, 200ms);
//     chancheck::check_property([](duration l, duration t) { seed::process("q", 0, l, t); },
//                               {.time = chancheck::time_mode::exact}, latency, timeout);
//   }
//
// check_property() explores body(inputs...) with check() for each generated input.
// On a violation it fails the property (RC_FAIL) with the inputs, the report and a
// property token; RapidCheck then shrinks the inputs (each candidate explored anew)
// and check() shrinks the schedule of each counterexample, so the failure shows the
// smallest input and the shortest interleaving. The property token carries both:
// "ccp1.<inputs>.<schedule token>", replayed by replay_property(body, token). The
// inputs are whole numbers, bools, enums and std::chrono durations, written as
// integers (durations in nanoseconds), so a token is plain text like any other.
#pragma once

#include <rapidcheck.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <chancheck/check.hpp>

namespace chancheck {

// --- Generators for what concurrent code is parameterised by -----------------------

/// A duration from `lo` to `hi` (both included) in steps of `step`; shrinks towards `lo`.
inline ::rc::Gen<duration> gen_duration(duration lo, duration hi, duration step = std::chrono::milliseconds(1)) {
  const std::int64_t steps = (hi - lo) / step;
  return ::rc::gen::map(::rc::gen::inRange<std::int64_t>(0, steps + 1),
                        [lo, step](std::int64_t k) { return lo + k * step; });
}

/// A channel capacity from 0 (unbuffered) to `max`; shrinks towards 0.
inline ::rc::Gen<std::size_t> gen_capacity(std::size_t max = 4) { return ::rc::gen::inRange<std::size_t>(0, max + 1); }

/// A number of workers (tasks) from 1 to `max`; shrinks towards 1.
inline ::rc::Gen<int> gen_workers(int max = 4) { return ::rc::gen::inRange(1, max + 1); }

/// A number of messages (jobs, values) from 0 to `max`; shrinks towards 0.
inline ::rc::Gen<int> gen_messages(int max = 8) { return ::rc::gen::inRange(0, max + 1); }

namespace detail {

template <class T>
struct is_duration : std::false_type {};
template <class R, class P>
struct is_duration<std::chrono::duration<R, P>> : std::true_type {};

/// An input as the integer a property token holds.
template <class T>
std::int64_t input_to_int(const T& v) {
  if constexpr (is_duration<T>::value)
    return std::chrono::duration_cast<std::chrono::nanoseconds>(v).count();
  else if constexpr (std::is_enum_v<T>)
    return static_cast<std::int64_t>(static_cast<std::underlying_type_t<T>>(v));
  else {
    static_assert(std::is_integral_v<T>, "property inputs are whole numbers, bools, enums or std::chrono durations");
    return static_cast<std::int64_t>(v);
  }
}

/// The input of type T a property token holds as `n`.
template <class T>
T input_from_int(std::int64_t n) {
  if constexpr (is_duration<T>::value)
    return std::chrono::duration_cast<T>(std::chrono::nanoseconds(n));
  else if constexpr (std::is_enum_v<T>)
    return static_cast<T>(static_cast<std::underlying_type_t<T>>(n));
  else
    return static_cast<T>(n);
}

/// An input as people read it: "101ms" for a duration of whole milliseconds, else a number.
template <class T>
std::string input_text(const T& v) {
  if constexpr (is_duration<T>::value) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(v).count();
    if (ns % 1000000 == 0) return std::to_string(ns / 1000000) + "ms";
    return std::to_string(ns) + "ns";
  } else if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else {
    return std::to_string(input_to_int(v));
  }
}

/// "ccp1.<input>.<input>...<schedule token>".
inline std::string make_property_token(const std::vector<std::int64_t>& inputs, const std::string& schedule) {
  std::string t = "ccp1.";
  for (std::int64_t v : inputs) t += std::to_string(v) + ".";
  return t + schedule;
}

/// Splits a property token into its inputs and schedule token; throws check_error when it is not one
/// or does not carry `arity` inputs.
inline void split_property_token(const std::string& token, std::size_t arity, std::vector<std::int64_t>& inputs,
                                 std::string& schedule) {
  const std::string what = "chancheck: \"" + token + "\" is not a property token; ";
  if (token.rfind("ccp1.", 0) != 0)
    throw check_error(what + "pass the token a failing check_property() printed (it starts with ccp1.)");
  std::size_t at = 5;
  inputs.clear();
  for (std::size_t i = 0; i < arity; ++i) {
    const std::size_t dot = token.find('.', at);
    const std::string field = token.substr(at, dot == std::string::npos ? std::string::npos : dot - at);
    const bool digits = !field.empty() && field.find_first_not_of("-0123456789") == std::string::npos &&
                        field.find('-', 1) == std::string::npos && field != "-";
    if (dot == std::string::npos || !digits)
      throw check_error(what + "it carries fewer than the " + std::to_string(arity) +
                        " inputs the body takes; replay it with the body of the property that printed it");
    inputs.push_back(std::stoll(field));
    at = dot + 1;
  }
  schedule = token.substr(at);
  if (schedule.rfind("cc", 0) != 0 || schedule.find('.') != std::string::npos)
    throw check_error(what + "it carries more inputs than the " + std::to_string(arity) +
                      " the body takes; replay it with the body of the property that printed it");
}

/// The parameter types of a callable (a lambda, a function object or a function pointer).
template <class F>
struct call_args : call_args<decltype(&F::operator())> {};
template <class C, class R, class... A>
struct call_args<R (C::*)(A...) const> {
  using type = std::tuple<std::decay_t<A>...>;
};
template <class C, class R, class... A>
struct call_args<R (C::*)(A...)> {
  using type = std::tuple<std::decay_t<A>...>;
};
template <class R, class... A>
struct call_args<R (*)(A...)> {
  using type = std::tuple<std::decay_t<A>...>;
};
template <class R, class... A>
struct call_args<R(A...)> {
  using type = std::tuple<std::decay_t<A>...>;
};

template <class Tuple, std::size_t... I>
Tuple inputs_from_ints(const std::vector<std::int64_t>& v, std::index_sequence<I...>) {
  return Tuple{input_from_int<std::tuple_element_t<I, Tuple>>(v[I])...};
}

}  // namespace detail

/// Explores body(inputs...) with check(); a failing result's token is a property
/// token that carries the inputs as well as the schedule (see replay_property).
template <class F, class... In>
check_result check_inputs(const F& body, const check_options& options, const In&... inputs) {
  check_result r = check([&body, &inputs...] { body(inputs...); }, options);
  if (!r.token.empty()) r.token = detail::make_property_token({detail::input_to_int(inputs)...}, r.token);
  return r;
}

/// The inputs as the failure shows them: "(101ms, 100ms)".
template <class... In>
std::string inputs_text(const In&... inputs) {
  std::string s;
  ((s += (s.empty() ? "" : ", ") + detail::input_text(inputs)), ...);
  return "(" + s + ")";
}

/// Inside a RapidCheck property (RC_GTEST_PROP, rc::check): explores body(inputs...)
/// and, on a violation, fails the property with the inputs, the report and a
/// property token that replays both (replay_property(body, token)).
template <class F, class... In>
void check_property(const F& body, const check_options& options, const In&... inputs) {
  check_result r = check_inputs(body, options, inputs...);
  if (r.passed()) return;
  RC_FAIL("chancheck: " + r.verdict + " with inputs " + inputs_text(inputs...) + "\n" + r.report +
          "\nreplay the inputs and the interleaving: chancheck::replay_property(body, \"" + r.token + "\")");
}

/// Re-runs body with the inputs a property token carries, then the one execution
/// its schedule names. `name` is check_options::name of the check that made it.
/// Throws check_error when the token is malformed or does not fit the body.
template <class F>
check_result replay_property(const F& body, const std::string& token, const std::string& name = "") {
  using args = typename detail::call_args<F>::type;
  constexpr std::size_t arity = std::tuple_size_v<args>;
  std::vector<std::int64_t> ints;
  std::string schedule;
  detail::split_property_token(token, arity, ints, schedule);
  args inputs = detail::inputs_from_ints<args>(ints, std::make_index_sequence<arity>{});
  check_result r = replay([&body, &inputs] { std::apply(body, inputs); }, schedule, name);
  if (!r.token.empty()) r.token = token;
  return r;
}

}  // namespace chancheck
