// runtime.cpp: the real-thread side of dyn_runtime (semaphores, a timer thread
// on the steady clock, one detached thread per task), the per-thread controller
// pointer, and the registry of live tasks that the leak check reads: each task's
// name, spawn site, scope and current operation.
#include <chancheck/model/runtime.hpp>

#include <condition_variable>
#include <cstdio>
#include <exception>
#include <list>
#include <map>
#include <thread>

#include <chancheck/model/panic.hpp>

#if defined(__SANITIZE_THREAD__)
extern "C" {
void AnnotateIgnoreReadsBegin(const char* file, int line);
void AnnotateIgnoreReadsEnd(const char* file, int line);
void AnnotateIgnoreWritesBegin(const char* file, int line);
void AnnotateIgnoreWritesEnd(const char* file, int line);
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
}
#endif

namespace chancheck {

namespace {
thread_local detail::controller* tl_controller = nullptr;

/// The bookkeeping of the live-task registry is invisible to ThreadSanitizer:
/// its lock would otherwise order every go() after every earlier go() and task
/// end, and hide real races in the user's code between those tasks.
class [[gnu::unused]] tsan_invisible {  // variables of it are "unused" without TSan
 public:
#if defined(__SANITIZE_THREAD__)
  tsan_invisible() {
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  }
  ~tsan_invisible() {
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  }
#else
  tsan_invisible() = default;
#endif
  tsan_invisible(const tsan_invisible&) = delete;
  tsan_invisible& operator=(const tsan_invisible&) = delete;
};

constexpr std::uint8_t no_op = 0xff;

/// One live task. Its operation fields are written only by the task itself
/// (relaxed atomics: they order nothing) and read by the leak check.
struct task_record {
  std::uint64_t serial = 0;
  std::string name;
  std::source_location spawned_at;
  std::string scope;
  std::chrono::steady_clock::time_point started;
  std::atomic<std::uint8_t> op{no_op};
  std::atomic<std::uint32_t> obj{0};
  std::atomic<std::source_location> op_loc{std::source_location{}};
  std::atomic<bool> blocked{false};
};

/// The live tasks on real threads.
class task_registry {
 public:
  /// What the leak check sees of a task record.
  static task_snapshot snapshot(const task_record& t, std::chrono::steady_clock::time_point now) {
    task_snapshot s;
    s.serial = t.serial;
    s.name = t.name;
    s.spawned_at = t.spawned_at;
    s.scope = t.scope;
    std::uint8_t op = t.op.load(std::memory_order_relaxed);
    s.has_op = op != no_op;
    if (s.has_op) s.op = static_cast<detail::op_kind>(op);
    s.obj = t.obj.load(std::memory_order_relaxed);
    s.op_loc = t.op_loc.load(std::memory_order_relaxed);
    s.blocked = t.blocked.load(std::memory_order_relaxed);
    s.age = now - t.started;
    return s;
  }

  static task_registry& get() {
    static task_registry* r = new task_registry();  // never destroyed: detached tasks outlive main
    return *r;
  }

  std::list<task_record>::iterator add(std::string name, std::source_location loc, std::string scope) {
    tsan_invisible quiet;
    std::lock_guard<std::mutex> g(m_);
    auto& t = tasks_.emplace_back();
    t.serial = ++serial_;
    t.name = name.empty() ? "task " + std::to_string(t.serial) : std::move(name);
    t.spawned_at = loc;
    t.scope = std::move(scope);
    t.started = std::chrono::steady_clock::now();
    return std::prev(tasks_.end());
  }

  void remove(std::list<task_record>::iterator it) {
    tsan_invisible quiet;
    std::lock_guard<std::mutex> g(m_);
    tasks_.erase(it);
    if (waiting_ > 0) ended_.notify_all();
  }

  std::string scope_for_new_task();

  std::vector<task_snapshot> list(std::string_view scope) {
    tsan_invisible quiet;
    std::vector<task_snapshot> out;
    auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> g(m_);
    for (const auto& t : tasks_)
      if (scope.empty() || t.scope == scope) out.push_back(snapshot(t, now));
    return out;
  }

  bool wait_until_none(std::string_view scope, std::chrono::steady_clock::time_point deadline,
                       const std::function<bool(const task_snapshot&)>& ignored) {
    tsan_invisible quiet;
    std::unique_lock<std::mutex> g(m_);
    auto none = [&] {
      auto now = std::chrono::steady_clock::now();
      for (const auto& t : tasks_)
        if ((scope.empty() || t.scope == scope) && !(ignored && ignored(snapshot(t, now)))) return false;
      return true;
    };
    ++waiting_;
    bool ok = ended_.wait_until(g, deadline, none);
    --waiting_;
    return ok;
  }

  std::atomic<detail::live_tasks::scope_provider> provider{nullptr};

 private:
  std::mutex m_;
  std::condition_variable ended_;
  std::list<task_record> tasks_;
  std::uint64_t serial_ = 0;
  int waiting_ = 0;
};

/// The record of the task running on this thread (nullptr outside tasks).
thread_local task_record* tl_task = nullptr;

std::string task_registry::scope_for_new_task() {
  if (tl_task) return tl_task->scope;  // a task's tasks belong to its scope
  auto p = provider.load(std::memory_order_acquire);
  if (!p) return {};
  tsan_invisible quiet;  // the provider may take locks of its own (GoogleTest's)
  return p();
}

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
  timer_service() {
    std::thread([this] { run(); }).detach();
  }
  void run() {
    std::unique_lock<std::mutex> g(m_);
    for (;;) {
      if (queue_.empty()) {
        cv_.wait(g);
        continue;
      }
      auto it = queue_.begin();
      const auto when = it->first.first;  // a copy: stop() may erase the entry while we wait
      if (when > std::chrono::steady_clock::now()) {
        cv_.wait_until(g, when);
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

namespace {
std::atomic<std::uint64_t> owner_generation{0};  ///< the execution that owns the process (0: none)
std::atomic<std::uint64_t> last_generation{0};

/// The first foreign call of the owning execution (see note_foreign_call).
struct foreign_slot {
  std::mutex m;
  detail::foreign_call call;
};
foreign_slot& foreign() {
  static foreign_slot* s = new foreign_slot();  // never destroyed: detached threads may call late
  return *s;
}
}  // namespace

detail::controller* detail::current_controller() noexcept { return tl_controller; }
void detail::set_current_controller(detail::controller* c) noexcept {
  tl_controller = c;
  owner_generation.store(c ? c->generation() : 0, std::memory_order_release);
}

std::uint64_t detail::next_generation() noexcept { return last_generation.fetch_add(1, std::memory_order_relaxed) + 1; }
std::uint64_t detail::owning_generation() noexcept { return owner_generation.load(std::memory_order_acquire); }

void detail::note_foreign_call(const detail::op_desc& op) noexcept {
  std::uint64_t g = owning_generation();
  if (g == 0) return;
  foreign_slot& s = foreign();
  std::lock_guard<std::mutex> lock(s.m);
  if (s.call.generation == g) return;  // the first one of this execution is kept
  s.call = {g, op.kind, op.loc};
}

bool detail::take_foreign_call(std::uint64_t generation, detail::foreign_call& out) noexcept {
  foreign_slot& s = foreign();
  std::lock_guard<std::mutex> lock(s.m);
  if (s.call.generation != generation || generation == 0) return false;
  out = s.call;
  s.call = {};
  return true;
}

detail::dyn_runtime::parker::parker() : ctl_(detail::current_controller()), task_(nullptr), sem_(nullptr) {
  if (ctl_)
    task_ = ctl_->current_task();
  else
    sem_ = &thread_semaphore();
}

bool detail::dyn_runtime::parker::park() {
  if (ctl_) return ctl_->park();
  task_record* t = tl_task;
  if (t) t->blocked.store(true, std::memory_order_relaxed);
  sem_->acquire();
  if (t) t->blocked.store(false, std::memory_order_relaxed);
  return true;
}

void detail::dyn_runtime::parker::unpark() {
  if (ctl_)
    ctl_->unpark(task_);
  else
    sem_->release();
}

std::size_t detail::dyn_runtime::choose(std::size_t n, const detail::op_desc& op) {
  if (n <= 1) return 0;
  if (auto* c = detail::current_controller()) return c->choose(n, op);
  return static_cast<std::size_t>(next_random() % n);
}

time_point detail::dyn_runtime::now() {
  if (auto* c = detail::current_controller()) return c->now();
  return std::chrono::time_point_cast<duration>(std::chrono::steady_clock::now());
}

std::uint64_t detail::dyn_runtime::add_timer(duration d, std::function<void()> fire, std::uint32_t obj,
                                             timer_effect effect) {
  if (auto* c = detail::current_controller()) return c->add_timer(d, std::move(fire), obj, effect);
  return timer_service::get().add(d, std::move(fire));
}

bool detail::dyn_runtime::stop_timer(std::uint64_t id) {
  if (auto* c = detail::current_controller()) return c->stop_timer(id);
  return timer_service::get().stop(id);
}

void detail::dyn_runtime::note_op(const detail::op_desc& op) noexcept {
  task_record* t = tl_task;
  if (!t) return;
  t->obj.store(op.obj, std::memory_order_relaxed);
  t->op_loc.store(op.loc, std::memory_order_relaxed);
  t->op.store(static_cast<std::uint8_t>(op.kind), std::memory_order_relaxed);
}

std::uint32_t detail::dyn_runtime::next_object_id() noexcept {
  static std::atomic<std::uint32_t> next{0};
  std::uint32_t id = next.fetch_add(1, std::memory_order_relaxed) + 1;
  return id != 0 ? id : next.fetch_add(1, std::memory_order_relaxed) + 1;  // 0 means nil
}

void detail::dyn_runtime::spawn(std::function<void()> fn, const char* name, std::source_location loc,
                                memory_range closure) {
  if (auto* c = detail::current_controller()) return c->spawn(std::move(fn), name, loc, closure);
  auto& reg = task_registry::get();
  auto it = reg.add(name ? name : "", loc, reg.scope_for_new_task());
  try {
    std::thread([fn = std::move(fn), it] {
      tl_task = &*it;
      try {
        fn();
      } catch (const panic_error& p) {
        std::fprintf(stderr, "panic: %s\n\ntask \"%s\" (started at %s:%u)\n  at %s:%u\n", p.message().c_str(),
                     it->name.c_str(), it->spawned_at.file_name(), static_cast<unsigned>(it->spawned_at.line()),
                     p.where().file_name(), static_cast<unsigned>(p.where().line()));
        std::abort();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "task \"%s\" (started at %s:%u) ended with an exception: %s\n", it->name.c_str(),
                     it->spawned_at.file_name(), static_cast<unsigned>(it->spawned_at.line()), e.what());
        std::abort();
      }
      tl_task = nullptr;
      task_registry::get().remove(it);
    }).detach();
  } catch (...) {  // no thread: the task never started
    reg.remove(it);
    throw;
  }
}

void detail::live_tasks::set_scope_provider(scope_provider p) noexcept {
  task_registry::get().provider.store(p, std::memory_order_release);
}

std::vector<task_snapshot> detail::live_tasks::list(std::string_view scope) { return task_registry::get().list(scope); }

bool detail::live_tasks::wait_until_none(std::string_view scope, std::chrono::steady_clock::time_point deadline,
                                         const std::function<bool(const task_snapshot&)>& ignored) {
  return task_registry::get().wait_until_none(scope, deadline, ignored);
}

}  // namespace chancheck
