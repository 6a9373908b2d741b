// mutex_queue.hpp: the baseline of chan_throughput_bench. A bounded queue made
// the plain way, from one std::mutex and std::condition_variables, with the
// channel's shape: send, recv returning {value, ok}, close. Capacity 0 is a
// rendezvous: the sender waits until a receiver has taken its value. Notifies
// after unlocking where it can, as a careful hand-written queue would.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::bench {

/// A bounded multi-producer multi-consumer queue on a mutex and condition variables.
template <class T>
class mutex_queue {
 public:
  /// What recv returns: the value, and false once the queue is closed and drained.
  struct result {
    T value{};
    bool ok = false;
  };

  /// A queue of capacity `cap`; 0 makes every send a rendezvous with a receiver.
  explicit mutex_queue(std::size_t cap) : cap_(cap), ring_(cap == 0 ? 1 : cap) {}
  mutex_queue(const mutex_queue&) = delete;
  mutex_queue& operator=(const mutex_queue&) = delete;

  /// Queues v, waiting for space; with capacity 0, also waits until v is taken.
  /// False (v dropped) when the queue is closed.
  bool send(T v) {
    std::unique_lock<std::mutex> g(m_);
    not_full_.wait(g, [&] { return closed_ || count_ < ring_.size(); });
    if (closed_) return false;
    ring_[(head_ + count_) % ring_.size()] = std::move(v);
    ++count_;
    const std::uint64_t ticket = ++pushed_;
    if (cap_ == 0) {  // notify under the lock: the wait below releases it
      not_empty_.notify_one();
      taken_.wait(g, [&] { return popped_ >= ticket; });
      return true;
    }
    g.unlock();
    not_empty_.notify_one();
    return true;
  }

  /// Takes the oldest value, waiting for one; {T{}, false} once closed and drained.
  result recv() {
    std::unique_lock<std::mutex> g(m_);
    not_empty_.wait(g, [&] { return closed_ || count_ > 0; });
    if (count_ == 0) return {};
    result r{std::move(ring_[head_]), true};
    head_ = (head_ + 1) % ring_.size();
    --count_;
    ++popped_;
    g.unlock();
    not_full_.notify_one();
    if (cap_ == 0) taken_.notify_all();  // wakes the sender whose value this was
    return r;
  }

  /// Closes the queue: later sends fail; receivers drain what is queued, then get ok = false.
  void close() {
    std::lock_guard<std::mutex> g(m_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex m_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::condition_variable taken_;  // capacity 0: a sender waits here for its value to be taken
  std::size_t cap_;
  std::vector<T> ring_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  std::uint64_t pushed_ = 0;
  std::uint64_t popped_ = 0;
  bool closed_ = false;
};

}  // namespace chancheck::bench
