// select_case.hpp: a select whose cases are known only at run time, Go's
// reflect.Select or a select over a vector of channels.
//
//   std::vector<select_case> cases;
//   for (auto& in : inputs) cases.push_back(recv(in, [&](int v) { sum += v; }));
//   cases.push_back(recv(ctx.done(), [&] { canceled = true; }));
//   int i = select(cases);  // the index in `cases` of the case taken
//
// The cases are the fixed-arity select's own recv(), send() and default_case(),
// and the select runs the same channel core, so its semantics are Go's: a ready
// case at random (an explored choice under the explorer), the default only when
// no case is ready, nil channels never ready, no case and no default blocks forever.
#pragma once

#include <cstdint>
#include <memory>
#include <source_location>
#include <utility>
#include <vector>

#include <chancheck/model/select.hpp>

namespace chancheck {

namespace detail {
/// A case of any type, behind one interface.
struct select_case_body {
  virtual ~select_case_body() = default;
  /// The value a send case sends or a receive case receives into (nullptr: default).
  virtual void* elem() = 0;
  /// Runs the case's function; `ok` is what a receive case got (false: closed).
  virtual void run(bool ok) = 0;
};

template <class C>
struct select_case_holder final : select_case_body {
  explicit select_case_holder(C c) : c(std::move(c)) {}
  void* elem() override {
    if constexpr (C::is_default)
      return nullptr;
    else
      return c.elem();
  }
  void run(bool ok) override {
    if constexpr (!C::is_default) c.ok = ok;
    c.run();
  }
  C c;
};
}  // namespace detail

/// One case of a run-time select: made from recv(ch, fn), send(ch, v, fn) or
/// default_case(fn), as in the fixed-arity select. Move-only.
class select_case {
 public:
  /// Wraps a case made by recv(), send() or default_case().
  template <class C>
  requires detail::is_select_case<C> select_case(
      C c)  // NOLINT(google-explicit-constructor): cases.push_back(recv(...)) reads as Go
  {
    auto holder = std::make_unique<detail::select_case_holder<C>>(std::move(c));
    loc_ = holder->c.loc;
    if constexpr (C::is_default) {
      is_default_ = true;
    } else {
      core_ = holder->c.ch.core();
      id_ = holder->c.ch.id();
      origin_ = holder->c.ch.origin();
      is_send_ = C::is_send;
    }
    body_ = std::move(holder);
  }

  /// True for the default case.
  bool is_default() const noexcept { return is_default_; }

 private:
  friend int select(std::vector<select_case>& cases, std::source_location loc);

  std::unique_ptr<detail::select_case_body> body_;
  detail::chan_core* core_ = nullptr;  // nullptr: nil channel, or the default case
  std::uint32_t id_ = 0;
  const detail::object_origin* origin_ = nullptr;
  std::source_location loc_;
  bool is_send_ = false;
  bool is_default_ = false;
};

/// Runs a select over a run-time list of cases (at most one default; more panics);
/// returns the index in `cases` of the case taken. No case and no default blocks
/// forever, as `select {}`. The select's line is the call's; each case keeps its own.
int select(std::vector<select_case>& cases, std::source_location loc = std::source_location::current());

/// The same for a list built in the call.
inline int select(std::vector<select_case>&& cases, std::source_location loc = std::source_location::current()) {
  return select(cases, loc);
}

}  // namespace chancheck
