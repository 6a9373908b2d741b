// timer.hpp: Go's time.Timer, time.Ticker and time.AfterFunc, on the runtime's
// clock (virtual under the explorer, which fires them in both time modes).
//
// Semantics (Go before 1.23, where timer channels have capacity 1):
// - A timer sends the time once on `c` when it fires; the send never blocks.
// - stop() returns false once the timer has fired, whether or not its value was
//   received, and does not drain `c`: receiving again on a fired, drained timer
//   blocks forever. reset(d) re-arms it (and does not drain `c` either).
// - A ticker sends the time every period; a tick is dropped when `c` is full.
//   stop() stops future ticks. A ticker nobody stops keeps firing, so under the
//   explorer it runs into the step bound.
// - after_func(d, f) runs f in a task of its own when it fires; its `c` is nil.
#pragma once

#include <functional>
#include <memory>
#include <source_location>

#include <chancheck/model/chan.hpp>
#include <chancheck/model/controller.hpp>

namespace chancheck {

namespace detail {
struct timer_state;
struct ticker_state;
}  // namespace detail

/// Go's *time.Timer. A handle: copies share the timer. A default-constructed timer
/// is uninitialized: stop() and reset() panic on it.
class timer {
 public:
  timer() = default;
  explicit timer(std::shared_ptr<detail::timer_state> s);

  /// Stops the timer; true when that prevented it from firing, false when it had
  /// already fired (received or not) or been stopped. Does not drain `c`.
  bool stop(std::source_location loc = std::source_location::current()) const;

  /// Re-arms the timer to fire d from now; true when it was still armed. Does not
  /// drain `c`: a value sent before stays there.
  bool reset(duration d, std::source_location loc = std::source_location::current()) const;

  /// The channel (capacity 1) the time is sent on when the timer fires (Go's t.C);
  /// nil for a timer made by after_func.
  chan<time_point> c;

 private:
  std::shared_ptr<detail::timer_state> s_;
};

/// Go's time.NewTimer: a timer that sends the time on its channel after d.
timer new_timer(duration d, std::source_location loc = std::source_location::current());

/// Go's time.AfterFunc: runs f in a new task after d, unless stopped first.
timer after_func(duration d, std::function<void()> f, std::source_location loc = std::source_location::current());

/// Go's *time.Ticker. A handle: copies share the ticker.
class ticker {
 public:
  ticker() = default;
  explicit ticker(std::shared_ptr<detail::ticker_state> s);

  /// Stops the ticker: no tick is sent after it returns. Does not drain `c`.
  void stop(std::source_location loc = std::source_location::current()) const;

  /// Stops the ticker and restarts it with period d (the next tick d from now).
  /// Panics when d is not positive.
  void reset(duration d, std::source_location loc = std::source_location::current()) const;

  /// The channel (capacity 1) the ticks are sent on (Go's t.C).
  chan<time_point> c;

 private:
  std::shared_ptr<detail::ticker_state> s_;
};

/// Go's time.NewTicker: sends the time every d, dropping ticks while `c` is full.
/// Panics when d is not positive.
ticker new_ticker(duration d, std::source_location loc = std::source_location::current());

}  // namespace chancheck
