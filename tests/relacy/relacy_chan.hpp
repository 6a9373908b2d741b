// relacy_chan.hpp: typed channels, select cases and a small context on
// basic_chan_core<relacy_runtime>, for the Relacy suites. The channel algorithm
// is the kit's own (model/chan_core.hpp); only the element storage is Relacy's:
// every value lives in an rl::var, so Relacy checks that each hand-off between
// threads is ordered by the core's locks and wake-ups.
//
// The kit's context (model/context.cpp) runs on dyn_runtime; `relacy_context`
// below is the same cancellation logic (lock, record the error once, unlock,
// close the done channel) written on the Relacy runtime.
#pragma once

#include <chancheck/model/rt/relacy_runtime.hpp>

namespace chancheck::relacy_test {

using namespace chancheck::detail;

using core = detail::basic_chan_core<relacy_runtime>;

/// What a receive returns.
template <class T>
struct received {
  T value{};
  bool ok = false;
};

/// A channel of T whose buffer slots and values are rl::var<T>.
template <class T>
class relacy_chan final : public core {
 public:
  explicit relacy_chan(std::size_t cap, std::source_location loc = std::source_location::current())
      : core(cap, loc, nullptr), buf_(cap), loc_(loc) {}

  /// Sends v; throws panic_error when the channel is or gets closed.
  void send(T v) {
    rl::var<T> cell;
    cell($) = v;
    core::send(this, &cell, loc_);
  }
  /// Receives a value; ok=false once closed and drained.
  received<T> recv() {
    rl::var<T> cell;
    cell($) = T{};
    bool ok = core::recv(this, &cell);
    return {cell($), ok};
  }
  /// Sends without blocking; false when it would block or the channel is closed.
  bool try_send(T v) {
    rl::var<T> cell;
    cell($) = v;
    return core::try_send(this, &cell);
  }
  /// Closes; throws panic_error when already closed.
  void close() { core::close(this, loc_); }

 private:
  static rl::var<T>& cell_of(void* p) { return *static_cast<rl::var<T>*>(p); }
  void buf_store(std::size_t slot, void* src) override { buf_[slot]($) = T(cell_of(src)($)); }
  void buf_load(std::size_t slot, void* dst) override { cell_of(dst)($) = T(buf_[slot]($)); }
  void move_elem(void* dst, void* src) override { cell_of(dst)($) = T(cell_of(src)($)); }
  void zero_elem(void* dst) override { cell_of(dst)($) = T{}; }

  std::deque<rl::var<T>> buf_;  // a slot is uninitialised until stored: Relacy flags a read before
  std::source_location loc_;
};

/// A receive case of a select: the value lands in `into`.
template <class T>
core::select_case recv_case(relacy_chan<T>& ch, rl::var<T>& into) {
  return core::select_case{&ch, &into, false, false};
}

/// A send case of a select: sends the value in `from`.
template <class T>
core::select_case send_case(relacy_chan<T>& ch, rl::var<T>& from) {
  return core::select_case{&ch, &from, true, false};
}

/// Runs a select over `cases`; the index taken, or -1 for the default case.
template <std::size_t N>
int select(core::select_case (&cases)[N], bool has_default = false,
           std::source_location loc = std::source_location::current()) {
  op_desc op{op_kind::select, 0, loc};
  return core::select(cases, static_cast<std::uint32_t>(N), has_default, op);
}

/// Why a relacy_context ended (rl::var holds integers).
enum context_end : int { none = 0, canceled = 1, deadline_exceeded = 2 };

/// A cancellable context: a done channel closed exactly once, on the first cancel.
class relacy_context {
 public:
  relacy_context() : done_(0) { err_($) = none; }
  /// The channel closed when the context ends.
  relacy_chan<int>& done() { return done_; }
  /// Ends the context (idempotent), as a cancel_func or an expiring deadline does.
  void cancel(context_end why = canceled) {
    mu_.lock();
    if (err_($) != none) {
      mu_.unlock();
      return;
    }
    err_($) = static_cast<int>(why);
    mu_.unlock();
    done_.close();
  }
  /// Why it ended, or none.
  context_end err() {
    mu_.lock();
    auto e = static_cast<context_end>(int(err_($)));
    mu_.unlock();
    return e;
  }

 private:
  relacy_runtime::mutex mu_;
  rl::var<int> err_;
  relacy_chan<int> done_;
};

}  // namespace chancheck::relacy_test
