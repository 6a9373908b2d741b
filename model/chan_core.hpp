// chan_core.hpp: the channel algorithm, written once against a runtime `Rt`
// (locks, one-shot parkers, atomics, explored choices). It follows the Go
// runtime's design: a lock per channel, a ring buffer, and queues of waiting
// senders and receivers; a blocked select waits on every channel it names and
// the first channel to fire it wins a compare-and-swap on the select's state.
// Element values cross the core as void pointers; chan_impl<T> moves them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <source_location>
#include <vector>

#include <chancheck/model/op.hpp>
#include <chancheck/model/panic.hpp>

namespace chancheck::detail {

template <class Rt>
class basic_chan_core;

/// Shared state of one blocked select: who won, and which case fired.
template <class Rt>
struct basic_select_state {
  typename Rt::template atomic<std::uint32_t> done{0};
  std::uint32_t fired = UINT32_MAX;
};

/// A task waiting on one channel (Go's sudog). Lives on the waiting task's stack.
template <class Rt>
struct basic_waiter {
  typename Rt::parker parker;
  void* elem = nullptr;  ///< send: the value to take; recv: where to put it
  basic_select_state<Rt>* sel = nullptr;
  std::uint32_t case_index = 0;
  bool success = false;  ///< recv: a value was delivered; send: it was taken (false = closed)
  bool queued = false;
  basic_waiter* prev = nullptr;
  basic_waiter* next = nullptr;
  basic_waiter* wake_next = nullptr;  ///< close(): the list of waiters to wake
};

/// An intrusive FIFO of waiters.
template <class Rt>
class waiter_queue {
 public:
  using waiter = basic_waiter<Rt>;
  void push(waiter* w) {
    w->prev = tail_;
    w->next = nullptr;
    (tail_ ? tail_->next : head_) = w;
    tail_ = w;
    w->queued = true;
  }
  void remove(waiter* w) {
    if (!w->queued) return;
    (w->prev ? w->prev->next : head_) = w->next;
    (w->next ? w->next->prev : tail_) = w->prev;
    w->queued = false;
  }
  /// Takes the first waiter that is not a select already won elsewhere.
  waiter* dequeue() {
    while (waiter* w = head_) {
      remove(w);
      if (w->sel) {
        std::uint32_t expected = 0;
        if (!w->sel->done.compare_exchange_strong(expected, 1)) continue;
      }
      return w;
    }
    return nullptr;
  }
  /// Takes every waiter `dequeue` would find, as a list linked by wake_next in
  /// queue order, for wake_all() once the lock is released.
  waiter* take_all() {
    waiter* list = nullptr;
    waiter** tail = &list;
    while (waiter* w = dequeue()) {
      *tail = w;
      tail = &w->wake_next;
    }
    *tail = nullptr;
    return list;
  }
  /// True when `dequeue` would find someone.
  bool has_live() const {
    for (waiter* w = head_; w; w = w->next)
      if (!w->sel || w->sel->done.load() == 0) return true;
    return false;
  }

 private:
  waiter* head_ = nullptr;
  waiter* tail_ = nullptr;
};

/// Unparks a list of waiters linked by wake_next (take_all(), close()).
template <class Rt>
void wake_all(basic_waiter<Rt>* list) {
  while (list) {
    basic_waiter<Rt>* n = list->wake_next;  // read before unpark: the waiter may vanish
    list->parker.unpark();
    list = n;
  }
}

/// One case of a select, as the core runs it.
template <class Rt>
struct basic_select_case {
  basic_chan_core<Rt>* chan = nullptr;  ///< nullptr = nil channel, never ready
  void* elem = nullptr;
  bool is_send = false;
  bool ok = false;  ///< recv: a value was received (false = closed)
};

/// The channel, without its element type.
template <class Rt>
class basic_chan_core {
 public:
  using waiter = basic_waiter<Rt>;
  using select_case = basic_select_case<Rt>;

  basic_chan_core(std::size_t cap, std::source_location loc, const char* label)
      : cap_(cap), id_(Rt::register_object(detail::object_kind::chan, cap, loc, label)) {}
  virtual ~basic_chan_core() = default;
  basic_chan_core(const basic_chan_core&) = delete;
  basic_chan_core& operator=(const basic_chan_core&) = delete;

  std::uint32_t id() const noexcept { return id_; }
  std::size_t cap() const noexcept { return cap_; }
  /// True when a task waits in a send, receive or select on the channel.
  bool has_waiters() {
    mu_.lock();
    const bool any = recvq_.has_live() || sendq_.has_live();
    mu_.unlock();
    return any;
  }
  std::size_t len() {
    Rt::peek(id_);
    mu_.lock();
    std::size_t n = count_;
    mu_.unlock();
    return n;
  }

  /// Sends *src (moving it); blocks until taken. Panics on a closed channel.
  static void send(basic_chan_core* c, void* src, std::source_location loc) {
    if (Rt::tearing_down()) return;
    if (c == nullptr) return block_forever();
    c->mu_.lock();
    if (c->closed_) {
      c->mu_.unlock();
      throw panic_error("send on closed channel", loc);
    }
    if (c->try_send_locked(src)) return;
    waiter w;
    w.elem = src;
    c->sendq_.push(&w);
    c->mu_.unlock();
    if (!w.parker.park()) {  // teardown
      c->mu_.lock();
      c->sendq_.remove(&w);
      c->mu_.unlock();
      return;
    }
    if (!w.success) throw panic_error("send on closed channel", loc);
  }

  /// Receives into *dst; returns false (and the zero value) once closed and drained.
  static bool recv(basic_chan_core* c, void* dst) {
    if (Rt::tearing_down()) return false;
    if (c == nullptr) {
      block_forever();
      return false;
    }
    c->mu_.lock();
    bool ok = false;
    if (c->try_recv_locked(dst, ok)) return ok;
    waiter w;
    w.elem = dst;
    c->recvq_.push(&w);
    c->mu_.unlock();
    if (!w.parker.park()) {  // teardown
      c->mu_.lock();
      c->recvq_.remove(&w);
      c->mu_.unlock();
      return false;
    }
    return w.success;
  }

  /// Sends without blocking; false when it would block or the channel is closed.
  /// Used by timers (Go's sendTime).
  static bool try_send(basic_chan_core* c, void* src) {
    if (c == nullptr || Rt::tearing_down()) return false;
    Rt::touch(c->id_);
    c->mu_.lock();
    if (c->closed_) {
      c->mu_.unlock();
      return false;
    }
    if (c->try_send_locked(src)) return true;
    c->mu_.unlock();
    return false;
  }

  /// Closes the channel: wakes every receiver (zero, ok=false) and every sender (panic).
  static void close(basic_chan_core* c, std::source_location loc) {
    if (Rt::tearing_down()) return;  // waiters of unwound tasks are gone
    if (c == nullptr) throw panic_error("close of nil channel", loc);
    Rt::touch(c->id_);
    c->mu_.lock();
    if (c->closed_) {
      c->mu_.unlock();
      throw panic_error("close of closed channel", loc);
    }
    c->closed_ = true;
    waiter* wake = nullptr;
    waiter** tail = &wake;  // receivers, then senders, each in queue order
    while (waiter* w = c->recvq_.dequeue()) {
      c->zero_elem(w->elem);
      w->success = false;
      if (w->sel) w->sel->fired = w->case_index;
      *tail = w;
      tail = &w->wake_next;
    }
    while (waiter* w = c->sendq_.dequeue()) {
      w->success = false;
      if (w->sel) w->sel->fired = w->case_index;
      *tail = w;
      tail = &w->wake_next;
    }
    *tail = nullptr;
    c->mu_.unlock();
    wake_all(wake);
  }

  /// Runs a select. Returns the index of the case taken, or -1 for default.
  /// `op` describes the cases (for the explored choice and the trace); a send case on
  /// a closed channel panics at that case's line.
  static int select(select_case* cases, std::uint32_t n, bool has_default, const detail::op_desc& op) {
    if (Rt::tearing_down()) return -1;
    channel_set chans(cases, n);
    chans.lock_all();
    if (int k = take_ready_case(cases, n, chans, op); k >= 0) return k;
    if (has_default) {
      chans.unlock_all();
      Rt::select_chose(op, UINT32_MAX);
      return -1;
    }
    if (chans.empty()) {  // only nil channels, no default
      block_forever();
      return -1;
    }
    // Still locked since no case was ready: a partner cannot slip in before the waiters are queued.
    return block_on_every_case(cases, n, chans, op);
  }

 private:
  /// N slots on the stack and the heap beyond: a select's per-case arrays.
  template <class T, std::uint32_t N>
  class inline_buffer {
   public:
    explicit inline_buffer(std::uint32_t n) {
      if (n > N) {
        heap_.resize(n);
        data_ = heap_.data();
      }
    }
    inline_buffer(const inline_buffer&) = delete;
    inline_buffer& operator=(const inline_buffer&) = delete;
    T* data() { return data_; }
    T& operator[](std::uint32_t i) { return data_[i]; }

   private:
    T local_[N];
    std::vector<T> heap_;
    T* data_ = local_;
  };

  /// The distinct channels of a select in address order, locked and unlocked together.
  class channel_set {
   public:
    channel_set(select_case* cases, std::uint32_t n) : order_(n) {
      for (std::uint32_t i = 0; i < n; ++i)
        if (cases[i].chan) order_[m_++] = cases[i].chan;
      std::sort(order_.data(), order_.data() + m_);
      m_ = static_cast<std::uint32_t>(std::unique(order_.data(), order_.data() + m_) - order_.data());
    }
    bool empty() const { return m_ == 0; }
    void lock_all() {
      for (std::uint32_t i = 0; i < m_; ++i) order_[i]->mu_.lock();
    }
    void unlock_all() {
      for (std::uint32_t i = m_; i-- > 0;) order_[i]->mu_.unlock();
    }
    /// Unlocks every channel but `keep`.
    void unlock_all_but(basic_chan_core* keep) {
      for (std::uint32_t i = m_; i-- > 0;)
        if (order_[i] != keep) order_[i]->mu_.unlock();
    }

   private:
    // 16 inline slots, not 8: std::sort's insertion pass reads 16 ahead, and GCC 12 at -O3
    // warns (-Warray-bounds) on a smaller array although the pass never runs there.
    inline_buffer<basic_chan_core*, 16> order_;
    std::uint32_t m_ = 0;
  };

  /// With every channel locked: performs a ready case (an explored choice among
  /// several) and returns its index, every lock released; or returns -1, still locked,
  /// when no case is ready.
  static int take_ready_case(select_case* cases, std::uint32_t n, channel_set& chans, const detail::op_desc& op) {
    inline_buffer<std::uint32_t, 8> ready(n);
    for (;;) {
      std::uint32_t nready = 0;
      for (std::uint32_t i = 0; i < n; ++i)
        if (cases[i].chan && cases[i].chan->ready_locked(cases[i].is_send)) ready[nready++] = i;
      if (nready == 0) return -1;
      std::uint32_t k = ready[nready == 1 ? 0 : static_cast<std::uint32_t>(Rt::choose(nready, op))];
      select_case& sc = cases[k];
      basic_chan_core* c = sc.chan;
      if (sc.is_send && c->closed_) {
        chans.unlock_all();
        throw panic_error("send on closed channel", op.cases ? op.cases[k].loc : op.loc);
      }
      // Perform the case with only its own channel locked.
      chans.unlock_all_but(c);
      bool done = sc.is_send ? c->try_send_locked(sc.elem) : c->try_recv_locked(sc.elem, sc.ok);
      if (done) {
        Rt::select_chose(op, k);
        return static_cast<int>(k);
      }
      // Lost a race with another thread (real threads only): look again.
      c->mu_.unlock();
      chans.lock_all();
    }
  }

  /// The queue case `c` waits in.
  static waiter_queue<Rt>& queue_of(const select_case& c) { return c.is_send ? c.chan->sendq_ : c.chan->recvq_; }

  /// Queues each case's waiter on its channel. Go enqueues a blocked select's cases in
  /// a random order, so when several cases wait in one queue (one channel, one
  /// direction) a partner arriving later may complete any of them. Only the first of
  /// them queued can ever fire (the others belong to a select already won), so which
  /// one goes first is the choice: explored under the explorer (recorded in the
  /// decisions, as a choice among ready cases is), random on real threads.
  static void queue_waiters(select_case* cases, waiter* ws, std::uint32_t n, const detail::op_desc& op) {
    inline_buffer<std::uint32_t, 8> group(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!cases[i].chan) continue;
      waiter_queue<Rt>& q = queue_of(cases[i]);
      bool seen = false;  // an earlier case waits in the same queue: its group is queued
      for (std::uint32_t j = 0; j < i && !seen; ++j) seen = cases[j].chan && &queue_of(cases[j]) == &q;
      if (seen) continue;
      std::uint32_t m = 0;
      for (std::uint32_t j = i; j < n; ++j)
        if (cases[j].chan && &queue_of(cases[j]) == &q) group[m++] = j;
      const auto lead = m < 2 ? 0u : static_cast<std::uint32_t>(Rt::choose(m, op));
      q.push(&ws[group[lead]]);
      for (std::uint32_t g = 0; g < m; ++g)
        if (g != lead) q.push(&ws[group[g]]);
    }
  }

  /// With every channel locked and no case ready: queues a waiter on every case's
  /// channel, parks until one fires, and completes it.
  static int block_on_every_case(select_case* cases, std::uint32_t n, channel_set& chans, const detail::op_desc& op) {
    basic_select_state<Rt> state;
    inline_buffer<waiter, 8> ws(n);
    // Every waiter of this select shares one parker: the first case's. Copied
    // before any waiter is queued: once queued, another thread may unpark it.
    std::uint32_t first = 0;
    while (!cases[first].chan) ++first;
    for (std::uint32_t i = first + 1; i < n; ++i) ws[i].parker = ws[first].parker;
    for (std::uint32_t i = 0; i < n; ++i) {
      ws[i].elem = cases[i].elem;
      ws[i].sel = &state;
      ws[i].case_index = i;
    }
    queue_waiters(cases, ws.data(), n, op);
    chans.unlock_all();
    const bool woken = ws[first].parker.park();
    chans.lock_all();
    for (std::uint32_t i = 0; i < n; ++i)
      if (cases[i].chan) queue_of(cases[i]).remove(&ws[i]);
    chans.unlock_all();
    if (!woken || state.fired == UINT32_MAX) return -1;  // teardown
    std::uint32_t k = state.fired;
    if (cases[k].is_send && !ws[k].success)
      throw panic_error("send on closed channel", op.cases ? op.cases[k].loc : op.loc);
    if (!cases[k].is_send) cases[k].ok = ws[k].success;
    Rt::select_chose(op, k);
    return static_cast<int>(k);
  }

 protected:
  /// Moves *src into buffer slot `slot`.
  virtual void buf_store(std::size_t slot, void* src) = 0;
  /// Moves buffer slot `slot` into *dst.
  virtual void buf_load(std::size_t slot, void* dst) = 0;
  /// *dst = std::move(*src).
  virtual void move_elem(void* dst, void* src) = 0;
  /// *dst = T{}.
  virtual void zero_elem(void* dst) = 0;

 private:
  static void block_forever() {
    typename Rt::parker p;
    p.park();
  }

  bool ready_locked(bool is_send) const {
    if (is_send) return closed_ || recvq_.has_live() || count_ < cap_;
    return count_ > 0 || closed_ || sendq_.has_live();
  }

  /// With the lock held: delivers *src if possible; unlocks on success.
  bool try_send_locked(void* src) {
    if (waiter* w = recvq_.dequeue()) {
      move_elem(w->elem, src);
      w->success = true;
      if (w->sel) w->sel->fired = w->case_index;
      mu_.unlock();
      w->parker.unpark();
      return true;
    }
    if (count_ < cap_) {
      buf_store((head_ + count_) % cap_, src);
      ++count_;
      mu_.unlock();
      return true;
    }
    return false;
  }

  /// With the lock held: receives into *dst if possible (ok=false once closed and
  /// drained); unlocks on success.
  bool try_recv_locked(void* dst, bool& ok) {
    if (waiter* w = sendq_.dequeue()) {
      if (cap_ == 0) {
        move_elem(dst, w->elem);
      } else {  // buffer is full: take its head, put the sender's value at its tail
        buf_load(head_, dst);
        buf_store(head_, w->elem);
        head_ = (head_ + 1) % cap_;
      }
      w->success = true;
      if (w->sel) w->sel->fired = w->case_index;
      mu_.unlock();
      w->parker.unpark();
      ok = true;
      return true;
    }
    if (count_ > 0) {
      buf_load(head_, dst);
      head_ = (head_ + 1) % cap_;
      --count_;
      mu_.unlock();
      ok = true;
      return true;
    }
    if (closed_) {
      zero_elem(dst);
      mu_.unlock();
      ok = false;
      return true;
    }
    return false;
  }

  typename Rt::mutex mu_;
  std::size_t cap_;
  std::size_t count_ = 0;
  std::size_t head_ = 0;
  bool closed_ = false;
  std::uint32_t id_;
  waiter_queue<Rt> recvq_;
  waiter_queue<Rt> sendq_;
};

}  // namespace chancheck::detail
