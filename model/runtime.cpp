// runtime.cpp: the real-thread side of dyn_runtime (semaphores, a timer thread
// on the steady clock, one detached thread per task), the per-thread controller
// pointer, and the registry of live tasks that the leak check reads: each task's
// name, spawn site, scope and current operation.
#include <chancheck/model/runtime.hpp>

#include <pthread.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <list>
#include <map>
#include <memory>
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
  // For leak_profile(): where its captures and its stack lie, whether an address in
  // them was sent on a channel, its select's channels, and how often it parked and
  // was woken (a task parked with no wake-up since is still waiting).
  detail::memory_range closure;
  detail::memory_range stack;           ///< written under the registry's lock once the thread runs
  bool escaped = false;                 ///< under the registry's lock
  std::atomic<std::uint8_t> ncases{0};  ///< a select's channels in cases (case_overflow: too many to keep)
  std::array<std::atomic<std::uint32_t>, 4> cases{};
  std::atomic<std::uint64_t> parks{0};
  std::atomic<std::uint64_t> wakes{0};
};
constexpr std::uint8_t case_overflow = 0xff;

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

  std::list<task_record>::iterator add(std::string name, std::source_location loc, std::string scope,
                                       detail::memory_range closure) {
    tsan_invisible quiet;
    std::lock_guard<std::mutex> g(m_);
    auto& t = tasks_.emplace_back();
    t.serial = ++serial_;
    t.closure = closure;
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

 private:
  static bool inside(const detail::memory_range& r, std::uintptr_t a) {
    return a >= reinterpret_cast<std::uintptr_t>(r.begin) && a < reinterpret_cast<std::uintptr_t>(r.end);
  }
  static detail::live_task_state state_of(const task_record& t, std::chrono::steady_clock::time_point now) {
    detail::live_task_state s;
    s.snapshot = snapshot(t, now);
    s.closure = t.closure;
    s.stack = t.stack;
    s.escaped = t.escaped;
    s.wakes = t.wakes.load(std::memory_order_acquire);
    s.parks = t.parks.load(std::memory_order_acquire);
    const std::uint8_t n = t.ncases.load(std::memory_order_relaxed);
    s.cases_known = n != case_overflow;
    for (std::uint8_t i = 0; s.cases_known && i < n; ++i) s.cases.push_back(t.cases[i].load(std::memory_order_relaxed));
    return s;
  }

 public:
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

  /// Records the stack of the thread that runs task `t` (called by that thread).
  void set_stack(task_record& t) {
    const detail::memory_range r = detail::this_thread_stack();
    tsan_invisible quiet;
    std::lock_guard<std::mutex> g(m_);
    t.stack = r;
  }

  /// Marks every task whose stack or closure a word of [value, value + size) points into.
  void note_sent(const void* value, std::size_t size) {
    tsan_invisible quiet;
    constexpr std::uintptr_t w = sizeof(std::uintptr_t);
    const auto begin = (reinterpret_cast<std::uintptr_t>(value) + w - 1) & ~(w - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(value) + size;
    std::lock_guard<std::mutex> g(m_);
    for (auto p = begin; p + w <= end; p += w) {
      std::uintptr_t a;
      std::memcpy(&a, reinterpret_cast<const void*>(p), w);
      for (auto& t : tasks_)
        if (inside(t.stack, a) || inside(t.closure, a)) t.escaped = true;
    }
  }

  /// Calls f with the registry locked: no task starts or ends (its closure and its
  /// stack stay where they are) until f returns; f may read the tasks' states.
  void examine(const std::function<void(const detail::live_tasks::state_reader&)>& f) {
    tsan_invisible quiet;
    std::lock_guard<std::mutex> g(m_);
    f([this] {
      std::vector<detail::live_task_state> out;
      auto now = std::chrono::steady_clock::now();
      out.reserve(tasks_.size());
      for (const auto& t : tasks_) out.push_back(state_of(t, now));
      return out;
    });
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

constinit thread_local detail::controller* detail::tl_current_controller = nullptr;
void detail::set_current_controller(detail::controller* c) noexcept {
  tl_current_controller = c;
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
  if (ctl_) {
    task_ = ctl_->current_task();
  } else {
    sem_ = &thread_semaphore();
    task_ = tl_task;  // on a real thread: the task's record (nullptr outside tasks)
  }
}

bool detail::dyn_runtime::parker::park() {
  if (ctl_) return ctl_->park();
  task_record* t = tl_task;
  if (t) {
    t->parks.fetch_add(1, std::memory_order_acq_rel);
    t->blocked.store(true, std::memory_order_relaxed);
  }
  sem_->acquire();
  if (t) t->blocked.store(false, std::memory_order_relaxed);
  return true;
}

void detail::dyn_runtime::parker::unpark() {
  if (ctl_) {
    ctl_->unpark(task_);
    return;
  }
  // Counted before the wake-up: leak_profile() then never takes a woken task for a waiting one.
  if (task_) static_cast<task_record*>(task_)->wakes.fetch_add(1, std::memory_order_acq_rel);
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
  if (effect == timer_effect::user_code) {
    // leak_profile() names nothing while the user's function waits on the heap: it may
    // hold the only way to any channel. The count drops when the function is destroyed
    // (after it ran, or when the timer is stopped).
    auto armed = std::shared_ptr<void>(nullptr, [](void*) { user_timer_armed(-1); });
    user_timer_armed(+1);
    return timer_service::get().add(d, [fire = std::move(fire), armed] { fire(); });
  }
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
  std::uint8_t n = 0;
  if (op.kind == detail::op_kind::select) {
    n = op.has_default || op.ncases > t->cases.size() ? case_overflow : static_cast<std::uint8_t>(op.ncases);
    for (std::uint8_t i = 0; n != case_overflow && i < n; ++i)
      t->cases[i].store(op.cases[i].obj, std::memory_order_relaxed);
  }
  t->ncases.store(n, std::memory_order_relaxed);
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
  auto it = reg.add(name ? name : "", loc, reg.scope_for_new_task(), closure);
  try {
    std::thread([fn = std::move(fn), it] {
      tl_task = &*it;
      task_registry::get().set_stack(*it);
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

void detail::live_tasks::examine(const std::function<void(const state_reader&)>& f) { task_registry::get().examine(f); }

detail::memory_range detail::this_thread_stack() noexcept {
  memory_range r;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* lo = nullptr;
    std::size_t size = 0;
    if (pthread_attr_getstack(&attr, &lo, &size) == 0) r = {lo, static_cast<const char*>(lo) + size};
    pthread_attr_destroy(&attr);
  }
  return r;
}

void detail::dyn_runtime::value_sent(const void* value, std::size_t size) {
  if (auto* c = detail::current_controller())
    c->value_sent(value, size);
  else if (leak_profiling())
    live_tasks::note_sent(value, size);
}

void detail::live_tasks::note_sent(const void* value, std::size_t size) { task_registry::get().note_sent(value, size); }

bool detail::live_tasks::wait_until_none(std::string_view scope, std::chrono::steady_clock::time_point deadline,
                                         const std::function<bool(const task_snapshot&)>& ignored) {
  return task_registry::get().wait_until_none(scope, deadline, ignored);
}

}  // namespace chancheck
