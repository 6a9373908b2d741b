// runtime.cpp: the real-thread side of dyn_runtime (semaphores, a timer thread,
// detached threads for tasks) and the per-thread controller pointer.
#include "model/runtime.hpp"

#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <thread>

#include "model/panic.hpp"

namespace chancheck {

namespace {
thread_local controller* tl_controller = nullptr;

/// Each OS thread parks on its own semaphore, which outlives any waiter.
std::binary_semaphore& thread_semaphore() {
  thread_local std::binary_semaphore sem{0};
  return sem;
}

std::uint64_t next_random() {
  thread_local std::uint64_t s = 0x9e3779b97f4a7c15ULL ^ reinterpret_cast<std::uintptr_t>(&s);
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

/// Timers on real threads: one thread runs callbacks in deadline order.
class timer_service {
 public:
  static timer_service& get() {
    static timer_service* t = new timer_service();  // never destroyed: detached tasks may use it
    return *t;
  }
  std::uint64_t add(duration d, std::function<void()> fire) {
    std::lock_guard<std::mutex> g(m_);
    std::uint64_t id = ++next_id_;
    auto at = std::chrono::steady_clock::now() + d;
    queue_.emplace(std::make_pair(at, id), std::move(fire));
    cv_.notify_one();
    return id;
  }
  bool stop(std::uint64_t id) {
    std::lock_guard<std::mutex> g(m_);
    for (auto it = queue_.begin(); it != queue_.end(); ++it)
      if (it->first.second == id) {
        queue_.erase(it);
        return true;
      }
    return false;
  }

 private:
  timer_service() { std::thread([this] { run(); }).detach(); }
  void run() {
    std::unique_lock<std::mutex> g(m_);
    for (;;) {
      if (queue_.empty()) {
        cv_.wait(g);
        continue;
      }
      auto it = queue_.begin();
      if (it->first.first > std::chrono::steady_clock::now()) {
        cv_.wait_until(g, it->first.first);
        continue;
      }
      auto fire = std::move(it->second);
      queue_.erase(it);
      g.unlock();
      fire();
      g.lock();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::map<std::pair<std::chrono::steady_clock::time_point, std::uint64_t>, std::function<void()>> queue_;
  std::uint64_t next_id_ = 0;
};
}  // namespace

controller* current_controller() noexcept { return tl_controller; }
void set_current_controller(controller* c) noexcept { tl_controller = c; }

dyn_runtime::parker::parker() : ctl_(current_controller()), task_(nullptr), sem_(nullptr) {
  if (ctl_)
    task_ = ctl_->current_task();
  else
    sem_ = &thread_semaphore();
}

bool dyn_runtime::parker::park() {
  if (ctl_) return ctl_->park();
  sem_->acquire();
  return true;
}

void dyn_runtime::parker::unpark() {
  if (ctl_)
    ctl_->unpark(task_);
  else
    sem_->release();
}

std::size_t dyn_runtime::choose(std::size_t n, const op_desc& op) {
  if (n <= 1) return 0;
  if (auto* c = current_controller()) return c->choose(n, op);
  return static_cast<std::size_t>(next_random() % n);
}

time_point dyn_runtime::now() {
  if (auto* c = current_controller()) return c->now();
  return std::chrono::time_point_cast<duration>(std::chrono::steady_clock::now());
}

std::uint64_t dyn_runtime::add_timer(duration d, std::function<void()> fire, std::uint32_t obj) {
  if (auto* c = current_controller()) return c->add_timer(d, std::move(fire), obj);
  return timer_service::get().add(d, std::move(fire));
}

bool dyn_runtime::stop_timer(std::uint64_t id) {
  if (auto* c = current_controller()) return c->stop_timer(id);
  return timer_service::get().stop(id);
}

void dyn_runtime::spawn(std::function<void()> fn, const char* name, std::source_location loc) {
  if (auto* c = current_controller()) return c->spawn(std::move(fn), name, loc);
  std::string label = name ? name : "task";
  std::thread([fn = std::move(fn), label, loc] {
    try {
      fn();
    } catch (const panic_error& p) {
      std::fprintf(stderr, "panic: %s\n\ntask %s (started at %s:%u)\n  at %s:%u\n", p.message().c_str(),
                   label.c_str(), loc.file_name(), static_cast<unsigned>(loc.line()), p.where().file_name(),
                   static_cast<unsigned>(p.where().line()));
      std::abort();
    }
  }).detach();
}

}  // namespace chancheck
