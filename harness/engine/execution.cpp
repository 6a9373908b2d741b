// execution.cpp: the engine of one execution (see execution.hpp).
//
// Switching: a task that reaches a scheduling point asks decide() who runs next
// and, if that is another task, resumes that task's fiber directly. The fiber
// handle Boost.Context returns to the resumed side belongs to the task that
// switched away; `switched_from_` says whose slot to put it in (adopt()). The
// OS thread that called run() is the "host": it is resumed when no task can move
// or when the execution stops. It then abandons the fibers left, as Go abandons a
// leaked goroutine: none of their code runs again (no destructor, no defer), and
// their stacks go back to the pool as raw memory (docs/architecture.md, "Teardown").
#include <chancheck/harness/engine/execution.hpp>

#include <chancheck/harness/fiber/fiber_annotations.hpp>
#include <chancheck/harness/record/crash_journal.hpp>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>

#include <chancheck/model/panic.hpp>

namespace chancheck::detail {

namespace {
trace_loc to_loc(const std::source_location& l) { return {l.file_name(), static_cast<std::uint32_t>(l.line())}; }

/// Drops a suspended fiber's handle without destroying it: the handle's destructor
/// would unwind the fiber (run its destructors). The storage is reused for the next
/// one; nothing depends on the destructors that never run.
void forget(boost::context::fiber&& f) noexcept {
  alignas(boost::context::fiber) static unsigned char sink[sizeof(boost::context::fiber)];
  ::new (static_cast<void*>(sink)) boost::context::fiber(std::move(f));
}
}  // namespace

/// The StackAllocator of a task's fiber: a pooled stack, remembered per task so that
/// teardown can take back the stack of a task it abandons.
struct execution::task_stack {
  stack_pool* pool;
  std::vector<boost::context::stack_context>* stacks;
  int id;
  boost::context::stack_context allocate() {
    boost::context::stack_context sc = pool->allocate();
    (*stacks)[static_cast<std::size_t>(id)] = sc;
    return sc;
  }
  void deallocate(boost::context::stack_context& sc) noexcept {
    (*stacks)[static_cast<std::size_t>(id)] = {};
    pool->deallocate(sc);
  }
};

execution::execution() : stacks_(execution_options{}.stack_size) {}
execution::~execution() = default;

void execution::run(const std::function<void()>& body, strategy& s, const execution_options& o, execution_record& out) {
  rec_ = &out;
  out.clear();
  strategy_ = &s;
  opts_ = o;
  if (o.stack_size != stacks_.stack_size()) stacks_.resize(o.stack_size);  // no task is alive between runs
  if (o.journal) o.journal->begin_execution(o.trace);
  tasks_.clear();
  timers_.clear();
  armed_list_.clear();
  due_list_.clear();
  dep_edges_.clear();
  armed_ = 0;
  last_ops_.clear();
  clock_ = 0;
  instant_ = -1;
  instant_last_id_ = 0;
  next_timer_id_ = 0;
  timer_base_ = 0;
  causal_.reset();
  tearing_down_ = false;
  stopping_ = false;
  quiet_ = false;
  current_ = host;
  steps_on_ = s.wants_steps();
  lone_checks_ = s.checks_lone_options();
  records_holds_ = o.trace;
  wake_step_.assign(1, -1);
  last_step_.assign(1, -1);
  sides_.clear();
  closures_.assign(1, memory_range{});
  chans_.clear();
  drops_.clear();
  leak_reported_.assign(1, 0);
  escaped_.assign(1, 0);
  s.attach(&out, this);
  out.causal_time = o.time == time_mode::any;

  generation_ = next_generation();
  controller* previous = current_controller();
  set_current_controller(this);
  fiber_annotations::begin_execution();
  runnable_.clear();
  tasks_.push_back(task{make_fiber(0), body, task_state::runnable});
  set_state(0, task_state::runnable);
  task_memory_.clear();
  index_memory(0);
  last_ops_.emplace_back();
  out.tasks.push_back(trace_task{0, "main", {}, -1, task_state::runnable, op_kind::yield, 0, {}, {}, 0, -1});

  int first = decide(host);
  if (first >= 0) transfer(first);
  note_foreign_calls();

  for (std::size_t i = 0; i < tasks_.size(); ++i) out.tasks[i].state = tasks_[i].state;
  if (steps_on_) record_pending();
  s.attach(nullptr, nullptr);
  out.end_time_ns = clock_;
  teardown();
  set_current_controller(previous);
  rec_ = nullptr;
}

void execution::note_foreign_calls() {
  foreign_call call;
  if (!take_foreign_call(generation_, call)) return;
  // It outranks whatever the execution ended in: what the explorer saw is not all that ran.
  task_failure f{task_failure::kind_t::uncontrolled, -1, {}, to_loc(call.loc), call.op, {}, false};
  if (opts_.continue_after_failure) rec_->failures.push_back(f);
  rec_->stop = stop_reason::failure;
  rec_->failure = std::move(f);
}

void execution::misuse(const op_desc& op, const object_origin& made) {
  fail_running_task({task_failure::kind_t::misuse,
                     current_,
                     {},
                     to_loc(op.loc),
                     op.kind,
                     to_loc(made.made_at),
                     made.generation != 0});
}

void execution::task_limit(trace_loc at) {
  fail_running_task({task_failure::kind_t::task_limit, current_, {}, at, op_kind::go, {}, false});
}

void execution::fail_running_task(task_failure f) {
  auto& tt = rec_->tasks[current_];
  tt.op = f.op;
  tt.op_loc = f.loc;
  if (opts_.journal) opts_.journal->at(current_, f.op, f.loc);
  if (opts_.continue_after_failure) rec_->failures.push_back(f);
  if (rec_->stop == stop_reason::quiescent) {
    rec_->stop = stop_reason::failure;
    rec_->failure = std::move(f);
  }
  stopping_ = true;
  transfer(host);  // never resumed: teardown abandons this task
  std::abort();
}

void execution::teardown() {
  tearing_down_ = true;
  if (opts_.journal) opts_.journal->tearing_down = true;
  // Tasks still suspended are abandoned, not unwound: no code of theirs runs after the
  // verdict. Their stacks return to the pool as they are; what their frames own leaks.
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    if (!tasks_[i].fiber) continue;  // it returned: its stack is back already
    forget(std::move(tasks_[i].fiber));
    boost::context::stack_context& sc = task_stacks_[i];
    fiber_annotations::abandon(static_cast<int>(i));
    if (sc.sp) stacks_.deallocate(sc);
    sc = {};
  }
  for (auto& t : timers_) t.fire = nullptr;
  tasks_.clear();
  runnable_.clear();
  timers_.clear();
  armed_list_.clear();
  due_list_.clear();
  dep_edges_.clear();
  task_memory_.clear();
}

boost::context::fiber execution::make_fiber(int id) {
  if (task_stacks_.size() <= static_cast<std::size_t>(id)) task_stacks_.resize(static_cast<std::size_t>(id) + 1);
  boost::context::fiber made(
      std::allocator_arg, fiber_annotations::stack_allocator(task_stack{&stacks_, &task_stacks_, id}, id),
      [this, id](boost::context::fiber&& caller) {
        fiber_annotations::switch_in(id);
        adopt(std::move(caller));
        {
          std::function<void()> fn = std::move(tasks_[id].fn);
          auto fail = [&](task_failure::kind_t kind, std::string message, trace_loc where) {
            task_failure f{kind, id, std::move(message), where, op_kind::yield, {}, false};
            if (opts_.continue_after_failure) rec_->failures.push_back(f);
            if (rec_->stop != stop_reason::quiescent) return;
            rec_->stop = stop_reason::failure;
            rec_->failure = std::move(f);
            if (!opts_.continue_after_failure) stopping_ = true;
          };
          try {
            fn();
          } catch (const assertion_failure& a) {
            fail(task_failure::kind_t::assertion, a.message(), to_loc(a.where()));
          } catch (const panic_error& p) {
            fail(task_failure::kind_t::panic, p.message(), to_loc(p.where()));
          } catch (const std::exception& e) {
            fail(task_failure::kind_t::exception, e.what(), rec_->tasks[id].op_loc);
          } catch (...) {
            fail(task_failure::kind_t::exception, "an exception that is not a std::exception", rec_->tasks[id].op_loc);
          }
        }
        set_state(id, task_state::finished);
        closures_[id] = {};
        index_memory(id);
        if (opts_.trace)
          rec_->events.push_back(
              trace_event{rec_->steps, id, event_kind::finish, op_kind::yield, 0, 0, {}, clock_, 0, 0});
        int next = tasks_[id].prelude_parent >= 0 ? tasks_[id].prelude_parent : decide(id);
        current_ = next;
        switched_from_ = id;
        if (opts_.journal) opts_.journal->switch_to(next, rec_->tasks);
        fiber_annotations::switch_out(id, next, fiber_annotations::leaving::returns);
        return std::move(next == host ? host_ : tasks_[next].fiber);
      });
  fiber_annotations::created();
  return made;
}

void execution::transfer(int to) {
  const int self = current_;
  switched_from_ = current_;
  current_ = to;
  if (opts_.journal) opts_.journal->switch_to(to, rec_->tasks);
  boost::context::fiber& target = to == host ? host_ : tasks_[to].fiber;
  boost::context::fiber back = fiber_annotations::resume(std::move(target), self, to);
  adopt(std::move(back));
}

void execution::adopt(boost::context::fiber&& back) {
  if (switched_from_ == host)
    host_ = std::move(back);
  else
    tasks_[switched_from_].fiber = std::move(back);
}

bool execution::ask_strategy(int self, std::uint32_t& k, std::int32_t& decision) {
  const auto n = static_cast<std::uint32_t>(options_.size());
  if (n == 1) {
    if (!lone_checks_ || !strategy_->lone_option_redundant(options_[0])) return true;
    k = n;  // redundant: pruned below
  } else {
    k = strategy_->pick_task(options_, self);
    if (k > 0 && k < n && self >= 0 && options_[0] == self && options_[k] >= 0) ++rec_->preemptions;
  }
  if (k >= n) {
    rec_->abort_message = strategy_->error();
    rec_->stop = rec_->abort_message.empty() ? stop_reason::pruned : stop_reason::aborted;
    stopping_ = true;
    return false;
  }
  decision = static_cast<std::int32_t>(rec_->decisions.size());
  rec_->decisions.push_back(k);
  if (opts_.journal) opts_.journal->decide(k);
  return true;
}

int execution::decide(int self) {
  for (;;) {
    if (stopping_) return host;
    const std::size_t ntasks = gather_options(self);
    if (ntasks == 0 && !quiet_ && steps_on_ && opts_.time == time_mode::any && !rec_->step_log.empty())
      record(quiet_object | read_access);  // the step just run left every task waiting
    quiet_ = ntasks == 0;
    if (options_.empty()) return host;  // quiescent
    std::uint32_t k = 0;
    std::int32_t decision = -1;
    if (!ask_strategy(self, k, decision)) return host;
    if (options_[k] < 0) {
      fire_tick_or_timer(armed_in_chain(proc_timer(options_[k])), decision, ntasks);
      continue;
    }
    int t = options_[k];
    if (steps_on_) begin_step(t, decision);
    ++rec_->tasks[t].steps;
    if (++rec_->steps > opts_.max_steps) {
      rec_->stop = stop_reason::step_limit;
      int busiest = 0;
      for (auto& tt : rec_->tasks)
        if (tt.steps > rec_->tasks[busiest].steps) busiest = tt.id;
      rec_->running = busiest;
      stopping_ = true;
      return host;
    }
    return t;
  }
}

void execution::fire_tick_or_timer(int tm, std::int32_t decision, std::size_t ntasks) {
  // Time mode `any`: a ticker's tick that fires while a task is ready is early: it
  // spends one of the ticker's tick_budget early ticks. It writes the quiet
  // pseudo-object, which the step that leaves every task waiting reads: fired after
  // that step, the same tick would have been free (trace.hpp, quiet_object).
  const bool early = opts_.time == time_mode::any && timers_[tm].rearmed && ntasks > 0;
  fire_timer(tm, decision, early);
  if (early && steps_on_ && !stopping_) record(quiet_object);
}

void execution::set_state(int t, task_state state) {
  const auto i = static_cast<std::size_t>(t);
  tasks_[i].state = state;
  if (runnable_.size() <= i / 64) runnable_.resize(i / 64 + 1, 0);
  const std::uint64_t bit = std::uint64_t{1} << (i % 64);
  runnable_[i / 64] = state == task_state::runnable ? runnable_[i / 64] | bit : runnable_[i / 64] & ~bit;
}

std::size_t execution::gather_options(int self) {
  options_.clear();
  if (self >= 0 && tasks_[self].state == task_state::runnable) options_.push_back(self);
  for (std::size_t w = 0; w < runnable_.size(); ++w)  // the runnable tasks, ascending
    for (std::uint64_t bits = runnable_[w]; bits != 0; bits &= bits - 1) {
      const int i = static_cast<int>(64 * w) + std::countr_zero(bits);
      if (i != self) options_.push_back(i);
    }
  const std::size_t ntasks = options_.size();
  if (ntasks == 0 && armed_ > 0 && timers_idle()) {  // quiescent: what is left can wake no one
    note_idle_timers();
    return 0;
  }
  // Time mode `exact`: the timers due at the instant the clock moved to all fire
  // before any task runs (as synctest wakes every goroutine due then), and the
  // tasks they woke then run in any order.
  if (opts_.time == time_mode::exact && ntasks > 0 && add_instant_timers()) {
    options_.erase(options_.begin(), options_.begin() + static_cast<std::ptrdiff_t>(ntasks));
    return 0;
  }
  // Timers may fire when every task is blocked, or at any point in time mode
  // `any`, where a ticker's ticks past its tick_budget early ones wait until
  // every task does.
  const bool timers = armed_ > 0 && (ntasks == 0 || opts_.time == time_mode::any);
  if (timers) add_due_timers(ntasks == 0);
  return ntasks;
}

bool execution::add_instant_timers() {
  const std::size_t before = options_.size();
  for (std::uint32_t i : armed_list_) {
    const timer& t = timers_[i];
    if (t.deadline == instant_ && t.id <= instant_last_id_) options_.push_back(timer_proc(t.chain));
  }
  return options_.size() > before;
}

void execution::add_due_timers(bool quiet) {
  if (opts_.time == time_mode::any) {  // the armed timers none of whose predecessors is armed
    for (std::uint32_t k : due_list_)
      if (const timer& t = timers_[k]; quiet || !waits_for_quiet(t))
        options_.push_back(timer_proc(t.chain));
      else
        rec_->ticks_held = true;
    return;
  }
  // The clock moves to the earliest deadline: the armed timers due then, in arming
  // order, fire in any order, as in Go (add_instant_timers keeps the rest first).
  std::int64_t earliest = 0;
  bool any = false;
  for (std::uint32_t i : armed_list_)
    if (!any || timers_[i].deadline < earliest) {
      earliest = timers_[i].deadline;
      any = true;
    }
  instant_ = earliest;
  instant_last_id_ = next_timer_id_;
  add_instant_timers();
}

bool execution::timers_idle() const {
  auto waits_on = [](const op_desc& op, std::uint32_t obj) {
    if (op.obj == obj) return true;
    for (std::uint32_t i = 0; i < op.ncases; ++i)
      if (op.cases[i].obj == obj) return true;
    return false;
  };
  // With no task blocked, a ticker left after every task ended stays a step-limit
  // violation (rule 18: it keeps firing), as before.
  bool blocked = false;
  for (const auto& t : tasks_) blocked = blocked || t.state == task_state::blocked;
  if (!blocked) return false;
  for (std::uint32_t k : armed_list_) {
    const timer& t = timers_[k];
    if (t.effect != timer_effect::sends_only) return false;
    for (std::size_t i = 0; i < tasks_.size(); ++i)
      if (tasks_[i].state == task_state::blocked && waits_on(last_ops_[i], t.obj)) return false;
  }
  return true;
}

void execution::note_idle_timers() {
  for (std::uint32_t i : armed_list_) rec_->idle_timers.push_back(timers_[i].obj);
}

std::uint32_t execution::next_side(std::int32_t proc) const {
  return proc >= 0 && static_cast<std::size_t>(proc) < last_ops_.size() ? sides_.side_of(last_ops_[proc], proc) : 0;
}

int execution::timer_index(std::uint64_t id) const { return static_cast<int>(id - timer_base_ - 1); }

bool execution::armed_now(std::uint64_t id) const {
  const auto index = static_cast<std::size_t>(timer_index(id));
  return id > timer_base_ && index < timers_.size() && timers_[index].armed;
}

int execution::armed_in_chain(std::uint64_t chain) const {
  for (std::uint32_t i : armed_list_)
    if (timers_[i].chain == chain) return static_cast<int>(i);
  return -1;
}

void execution::fire_timer(int index, std::int32_t decision, bool early) {
  auto fire = std::move(timers_[index].fire);
  disarm(static_cast<std::size_t>(index));
  // Time mode `exact`: a firing that wakes a task stops the other timers until
  // every task blocks again, so firings depend on one another: each writes the clock.
  const bool writes_clock = opts_.time == time_mode::exact;
  clock_ = std::max(clock_, timers_[index].deadline);
  std::uint32_t obj = timers_[index].obj;
  if (++rec_->steps > opts_.max_steps) {
    rec_->stop = stop_reason::step_limit;
    rec_->running = -1;
    stopping_ = true;
    return;
  }
  if (opts_.trace)
    rec_->events.push_back(
        trace_event{rec_->steps, -1, event_kind::timer_fire, op_kind::timer, obj, 0, {}, clock_, 0, 0});
  if (steps_on_) {
    begin_step(timer_proc(timers_[index].chain), decision);
    record(obj);
    if (writes_clock) record(clock_object);
    log_timer(timer_step::kind_t::fire, timers_[index]);
  }
  firing_ = true;
  if (opts_.time == time_mode::any) {
    causal_.begin_fire(timers_[index].stamp);
    causal_.touch(current_, obj);  // the firing reaches the timer's channel
  }
  firing_chain_ = timers_[index].chain;
  firing_id_ = timers_[index].id;
  firing_early_ticks_ = timers_[index].early_ticks + (early ? 1 : 0);
  fire();
  causal_.end_fire();
  firing_ = false;
}

std::uint32_t execution::log_gone_timers(const timer& t) {
  // The latest ones only (ids grow with arming): a task that sleeps in a loop has
  // seen every sleep before, and their removals come before its arming anyway. The
  // bound keeps the log linear in the timers; an edge left out only costs reduction.
  constexpr std::uint32_t most = 8;
  std::uint32_t n = 0;
  for (std::size_t w = t.stamp.armed.size(); w-- > 0 && n < most;)
    for (std::uint64_t bits = t.stamp.armed[w]; bits != 0 && n < most;) {
      const int top = 63 - std::countl_zero(bits);
      bits &= ~(std::uint64_t{1} << top);
      const std::uint64_t id = 64 * w + static_cast<std::uint64_t>(top);
      if (id == t.id || armed_now(id)) continue;
      rec_->timer_preds.push_back(id);
      ++n;
    }
  return n;
}

void execution::log_timer(timer_step::kind_t kind, const timer& t) {
  timer_step ts{kind,  static_cast<std::int32_t>(rec_->step_log.size()) - 1, t.id,    t.deadline,
                t.obj, firing_ ? timer_proc(firing_id_) : current_,          t.chain, 0,
                0};
  if (kind == timer_step::kind_t::arm) {
    ts.quiet_only = opts_.time == time_mode::any && waits_for_quiet(t);
    ts.preds_begin = static_cast<std::uint32_t>(rec_->timer_preds.size());
    ts.preds_count = static_cast<std::uint32_t>(t.preds.size());
    rec_->timer_preds.insert(rec_->timer_preds.end(), t.preds.begin(), t.preds.end());
    if (opts_.time == time_mode::any) ts.gone_count = log_gone_timers(t);
  }
  rec_->timer_log.push_back(ts);
}

void execution::record_op(int t, const op_desc& op, event_kind kind) {
  trace_event e{rec_->steps, t, kind, op.kind, op.obj, 0, to_loc(op.loc), clock_, 0, 0};
  if (op.kind == op_kind::select) {
    e.cases_begin = static_cast<std::uint32_t>(rec_->cases.size());
    e.cases_count = op.ncases;
    e.arg = op.has_default ? 1 : 0;
    for (std::uint32_t i = 0; i < op.ncases; ++i)
      rec_->cases.push_back(trace_case{op.cases[i].obj, op.cases[i].is_send, to_loc(op.cases[i].loc)});
  } else {
    e.arg = static_cast<std::int32_t>(op.arg / 1000000);  // sleep/after: milliseconds
  }
  rec_->events.push_back(e);
}

void execution::schedule_point(const op_desc& op) {
  if (tearing_down_ || current_ < 0) return;
  int self = current_;
  last_ops_[self] = op;  // a copy: the caller's op_desc may be a temporary
  auto& tt = rec_->tasks[self];
  tt.op = op.kind;
  tt.obj = op.obj;
  tt.op_loc = to_loc(op.loc);
  if (opts_.journal) opts_.journal->at(self, op.kind, tt.op_loc);
  int next;
  if (tasks_[self].prelude_parent >= 0) {  // back to the spawner; decide() picks this task later
    next = tasks_[self].prelude_parent;
    tasks_[self].prelude_parent = -1;
  } else {
    next = decide(self);
  }
  if (next != self) transfer(next);
  if (opts_.trace) record_op(self, op, event_kind::op);
  touch_op(op);
}

void execution::begin_step(int proc, std::int32_t decision) {
  auto& log = rec_->step_log;
  auto begin = static_cast<std::uint32_t>(rec_->access.size());
  if (!log.empty()) log.back().access_count = begin - log.back().access_begin;
  trace_step st;
  st.proc = proc;
  st.decision = decision;
  st.access_begin = begin;
  if (proc >= 0) {
    st.woken_by = wake_step_[proc];
    wake_step_[proc] = -1;
    last_step_[proc] = static_cast<std::int32_t>(log.size());
  }
  log.push_back(st);
}

void execution::record_pending() {
  auto& log = rec_->step_log;
  if (!log.empty()) log.back().access_count = static_cast<std::uint32_t>(rec_->access.size() - log.back().access_begin);
  options_.clear();  // the runnable tasks first, then the timers that may fire
  for (int t = 0; t < static_cast<int>(tasks_.size()); ++t)
    if (tasks_[t].state == task_state::runnable) options_.push_back(t);
  const std::size_t ntasks = options_.size();
  auto add = [&](int proc, std::int32_t woken_by, const op_desc* op, std::uint32_t obj) {
    trace_step st;
    st.proc = proc;
    st.woken_by = woken_by;
    st.access_begin = static_cast<std::uint32_t>(rec_->access.size());
    if (const std::uint32_t side = op ? sides_.side_of(*op, proc) : 0) {
      rec_->access.push_back(side);
    } else if (op) {
      append_object(rec_->access, op->obj);
      for (std::uint32_t i = 0; i < op->ncases; ++i) append_object(rec_->access, op->cases[i].obj);
    }
    append_object(rec_->access, obj);
    if (opts_.time == time_mode::any && proc < 0 && ntasks > 0 && timers_[armed_in_chain(proc_timer(proc))].rearmed)
      rec_->access.push_back(quiet_object);  // an early tick
    st.access_count = static_cast<std::uint32_t>(rec_->access.size() - st.access_begin);
    rec_->pending_steps.push_back(st);
  };
  // A woken task's next step touches nothing of the operation it waited in: its
  // waker completed it (park()).
  for (std::size_t i = 0; i < ntasks; ++i) {
    const int t = options_[i];
    add(t, wake_step_[t], wake_step_[t] >= 0 ? nullptr : &last_ops_[t], 0);
  }
  if (opts_.time == time_mode::any)
    add_due_timers(ntasks == 0);
  else
    add_instant_timers();  // `exact`: the timers due at this instant that have not fired yet
  for (std::size_t i = ntasks; i < options_.size(); ++i) {
    const timer& t = timers_[armed_in_chain(proc_timer(options_[i]))];
    add(options_[i], -1, nullptr, t.obj);
  }
}

std::int64_t execution::actor_time() const {
  return opts_.time == time_mode::any ? causal_.actor(current_).time : clock_;
}

void execution::touch(std::uint32_t obj) {
  // The kit touches a mutex itself only when a cond's wait releases it, and a once
  // when its function ended. The mirrors are kept whatever the strategy: time flows
  // by them (touch_side), and a replay must see the time its search saw.
  if (current_ >= 0 && sides_.mutex(obj) && !tearing_down_) {
    if (const std::uint32_t side = sides_.release(obj, current_, step_index())) {
      touch_side(obj, side);
      return;
    }
  }
  if (current_ >= 0 && sides_.once(obj) && !tearing_down_) {
    touch_side(obj, sides_.end_once(obj, step_index()));
    return;
  }
  touch_whole(obj);
}

void execution::peek(std::uint32_t obj) {
  // A read of both sides (a channel's length counts what either side did); time
  // flows in as through a read (time mode `any`).
  if (tearing_down_ || current_ < 0 || obj == 0) return;
  if (opts_.time == time_mode::any) causal_.read(current_, obj);
  record_one(obj | read_access);
  if (sides_.two_sided(obj)) record_one(obj | second_side | read_access);
}

void execution::touch_side(std::uint32_t obj, std::uint32_t side) {
  // Time mode `any`: time flows through the object, whichever side the step touches;
  // a read takes in its touches' time, and gives its own only to the next touch.
  if (opts_.time == time_mode::any) flow_side(obj, side);
  record_one(side);
}

void execution::flow_side(std::uint32_t obj, std::uint32_t side) {
  // Time flows as dpor orders the sides (object_sides.hpp): a step on one side takes
  // what the object's whole accesses gave it and never gives to the other side.
  const bool second = side_owner(side) != access_object(side);
  if (sides_.once(obj)) {  // a call takes what the end gave (read or not); the end gives to the calls after it
    causal_.observe(current_, obj);
    second ? causal_.release(current_, obj) : causal_.take_released(current_, obj);
    return;
  }
  if (side & read_access) {  // a wait group: a wait only looks, a done gives to the next write
    second ? causal_.observe(current_, obj) : causal_.read(current_, obj);
    return;
  }
  causal_.observe(current_, obj);
  if (!sides_.releases(obj)) return;  // a channel: the rendezvous partner's time flows in unpark()
  if (second)
    causal_.release(current_, obj);
  else if (sides_.mutex(obj))
    causal_.take_released(current_, obj);  // the unlocks, all before the one it takes the lock from
  else
    causal_.take_release(current_, obj, sides_.covering_release(obj));  // nothing when it fitted
}

void execution::touch_whole(std::uint32_t obj) {
  if (tearing_down_ || obj == 0) return;
  // Time mode `any`: time flows through the objects a step touches.
  if (opts_.time == time_mode::any) causal_.touch(current_, obj);
  record(obj);
}

void execution::record(std::uint32_t obj) {
  record_one(obj);
  if (sides_.two_sided(obj)) record_one(obj | second_side);
}

void execution::record_one(std::uint32_t a) {
  if (!steps_on_ || tearing_down_ || a == 0 || rec_->step_log.empty()) return;
  auto& acc = rec_->access;
  for (std::size_t i = rec_->step_log.back().access_begin; i < acc.size(); ++i)
    if (acc[i] == a) return;
  acc.push_back(a);
}

void execution::append_object(std::vector<std::uint32_t>& acc, std::uint32_t obj) const {
  if (obj == 0) return;
  acc.push_back(obj);
  if (sides_.two_sided(obj)) acc.push_back(obj | second_side);
}

void execution::touch_op(const op_desc& op) {
  if (tearing_down_) return;
  std::uint32_t side = 0;
  if (current_ >= 0) {                    // the mirrors are kept whatever the strategy (touch())
    side = sides_.side_of(op, current_);  // before begin_op() moves the holder
    const std::int32_t from = sides_.begin_op(op, current_, step_index());
    if (steps_on_ && from >= 0 && !rec_->step_log.empty()) rec_->step_log.back().partner = from;
  }
  if (side) {
    touch_side(op.obj, side);  // one side of a two-sided object (object_sides.hpp)
  } else {
    touch_whole(op.obj);
    for (std::uint32_t i = 0; i < op.ncases; ++i) touch_whole(op.cases[i].obj);
  }
  // A semaphore's releases are numbered as object_sides numbers them: an acquire
  // takes the time of the one that admitted it (flow_side).
  if (current_ >= 0 && op.kind == op_kind::sem_release && opts_.time == time_mode::any)
    causal_.log_release(current_, op.obj);
}

bool execution::park() {
  if (tearing_down_ || current_ < 0) return false;
  int self = current_;
  set_state(self, task_state::blocked);
  auto& tt = rec_->tasks[self];
  tt.cases.clear();
  // The task that wakes a parked one completes its operation (hands over the
  // value, closes, unlocks to it), so the woken task's own step touches nothing
  // of it: a select only drops its waiters, which no longer count.
  if (opts_.trace) {
    const op_desc& op = last_ops_[self];
    if (op.kind == op_kind::select)
      for (std::uint32_t i = 0; i < op.ncases; ++i)
        tt.cases.push_back(trace_case{op.cases[i].obj, op.cases[i].is_send, to_loc(op.cases[i].loc)});
    rec_->events.push_back(
        trace_event{rec_->steps, self, event_kind::block, tt.op, tt.obj, 0, tt.op_loc, clock_, 0, 0});
  }
  if (opts_.midrun == midrun_check::on && blocked_on_channels(self)) check_leaks(false, 0, self, tt.op_loc);
  int next = decide(self);  // a timer fired inside decide() may have woken this very task
  if (next != self) transfer(next);
  return true;
}

void execution::hold_changed(std::uint32_t obj, op_kind how, bool taken) {
  if (tearing_down_ || current_ < 0) return;  // the task's op in progress is the lock, unlock or cond wait
  rec_->events.push_back(trace_event{rec_->steps, current_, taken ? event_kind::acquire : event_kind::release, how, obj,
                                     0, to_loc(last_ops_[current_].loc), clock_, 0, 0});
}

void* execution::current_task() { return reinterpret_cast<void*>(static_cast<std::intptr_t>(current_)); }

void execution::unpark(void* task) {
  if (tearing_down_) return;
  auto t = static_cast<int>(reinterpret_cast<std::intptr_t>(task));
  if (t >= 0 && t < static_cast<int>(tasks_.size()) && tasks_[t].state == task_state::blocked) {
    set_state(t, task_state::runnable);
    const op_desc& op = last_ops_[t];
    const object_sides::wake w = sides_.woken(op, t);  // kept whatever the strategy (touch())
    if (opts_.time == time_mode::any) {
      if (w == object_sides::wake::rendezvous) causal_.meet(current_, t);  // its arrival, as if it came second
      causal_.wake(t, current_);                                           // it has seen what woke it
      if (op.kind == op_kind::wg_wait) causal_.observe(t, op.obj);         // and every decrement, as a passing wait
    }
    if (steps_on_) {
      wake_step_[t] = step_index();
      // Waking a select resolves it on every channel it waits on: the waker's step
      // changes what those channels offer to others (the step log only: time
      // reaches the woken task through wake()).
      // A task parked on one side of a two-sided object (a plain send or receive, a
      // lock) commutes with the waker's step on the other side (object_sides.hpp);
      // a rendezvous partner's arrival happens before this step, which took or gave
      // its value.
      if (w != object_sides::wake::whole) {
        if (w == object_sides::wake::rendezvous && !rec_->step_log.empty())
          rec_->step_log.back().partner = last_step_[t];
        return;
      }
      record(op.obj);
      for (std::uint32_t i = 0; i < op.ncases; ++i) record(op.cases[i].obj);
    }
  }
}

std::size_t execution::choose(std::size_t n, const op_desc& op) {
  if (tearing_down_ || n < 2) return 0;
  const decision_kind kind = op.kind == op_kind::choose ? decision_kind::value : decision_kind::select;
  std::uint32_t k = strategy_->pick(kind, static_cast<std::uint32_t>(n));
  if (k >= n) {
    rec_->stop = stop_reason::aborted;
    rec_->abort_message = strategy_->error();
    stopping_ = true;
    return 0;
  }
  rec_->decisions.push_back(k);
  if (opts_.journal) opts_.journal->decide(k);
  return k;
}

void execution::select_chose(const op_desc& op, std::uint32_t index) {
  if (tearing_down_ || !opts_.trace) return;
  if (op.kind == op_kind::choose) {
    rec_->events.push_back(trace_event{rec_->steps, current_, event_kind::choice, op_kind::choose,
                                       static_cast<std::uint32_t>(op.arg), static_cast<std::int32_t>(index),
                                       to_loc(op.loc), clock_, 0, 0});
    return;
  }
  trace_event e{rec_->steps, current_, event_kind::select_case, op_kind::select, 0, -1, to_loc(op.loc), clock_, 0, 0};
  if (index != UINT32_MAX && index < op.ncases) {
    e.arg = static_cast<std::int32_t>(index);
    e.obj = op.cases[index].obj;
    e.loc = to_loc(op.cases[index].loc);
  }
  rec_->events.push_back(e);
}

void execution::spawn(std::function<void()> fn, const char* name, std::source_location loc, memory_range closure) {
  if (tearing_down_) return;
  if (tasks_.size() >= opts_.max_tasks) task_limit(to_loc(loc));
  int id = static_cast<int>(tasks_.size());
  tasks_.push_back(task{make_fiber(id), std::move(fn), task_state::runnable});
  set_state(id, task_state::runnable);
  last_ops_.emplace_back();
  wake_step_.push_back(-1);
  last_step_.push_back(-1);
  closures_.push_back(closure);
  index_memory(id);
  leak_reported_.push_back(0);
  escaped_.push_back(0);
  causal_.add_task(current_);
  rec_->tasks.push_back(trace_task{id,
                                   name ? std::string(name) : "task " + std::to_string(id),
                                   to_loc(loc),
                                   current_,
                                   task_state::runnable,
                                   op_kind::yield,
                                   0,
                                   {},
                                   {},
                                   0,
                                   static_cast<std::int32_t>(rec_->step_log.size()) - 1});
  if (opts_.journal) opts_.journal->name(id, rec_->tasks.back().name.c_str());
  if (opts_.trace)
    rec_->events.push_back(
        trace_event{rec_->steps, current_, event_kind::spawn, op_kind::go, 0, id, to_loc(loc), clock_, 0, 0});
  // The prelude: run the new task up to its first scheduling point now. That code
  // touches nothing shared, and afterwards every runnable task waits at a known
  // operation (what partial-order reduction needs to see).
  tasks_[id].prelude_parent = current_;
  transfer(id);
}

std::uint32_t execution::register_object(object_kind kind, std::size_t cap, std::source_location loc,
                                         const char* label) {
  auto id = static_cast<std::uint32_t>(rec_ ? rec_->objects.size() + 1 : 0);
  if (rec_) {
    causal_.add_object(current_);
    if (opts_.trace)
      rec_->objects.push_back(trace_object{id, kind, cap, to_loc(loc), label ? label : ""});
    else
      rec_->objects.emplace_back().kind = kind;  // ids stay dense; dpor reads the kind (wait groups)
    if (steps_on_) rec_->objects.back().made_step = step_index();
    sides_.add(kind, cap);
  }
  return id;
}

time_point execution::now() {
  if (opts_.time == time_mode::any) return time_point(duration(actor_time()));
  if (current_ >= 0) record(clock_object | read_access);  // the clock's value is read
  return time_point(duration(clock_));
}

std::uint64_t execution::add_timer(duration d, std::function<void()> fire, std::uint32_t obj, timer_effect effect) {
  std::uint64_t id = ++next_timer_id_;
  if (tearing_down_) return id;
  if (armed_ == 0) {  // nothing armed: drop fired and stopped timers
    timers_.clear();
    armed_list_.clear();
    due_list_.clear();
    dep_edges_.clear();
    timer_base_ = id - 1;
  }
  const bool any = opts_.time == time_mode::any;
  timers_.push_back(timer{clock_ + std::max<std::int64_t>(0, d.count()),
                          id,
                          obj,
                          std::move(fire),
                          true,
                          firing_,
                          {},
                          {},
                          firing_ ? firing_chain_ : id,
                          effect,
                          0,
                          no_edge});
  timer& t = timers_.back();
  t.early_ticks = firing_ ? firing_early_ticks_ : 0;  // a ticker's next tick: its early ticks so far
  const auto self = static_cast<std::uint32_t>(timers_.size() - 1);
  if (any) {  // it fires after the armed timers its arming has seen that are due earlier
    t.stamp = causal_.arm(current_, id, d.count());
    t.deadline = t.stamp.time;
    // A ticker's next tick (armed by its firing) waits for every timer due
    // earlier, so that a ticker cannot run ahead of the rest without bound.
    // A ticker's ticks count as armed when the ticker was: each is due a period
    // after the last one's deadline, not after its firing.
    for (std::uint32_t i : armed_list_)
      if (timer& x = timers_[i]; x.deadline < t.deadline && (firing_ || t.stamp.knows(x.chain))) {
        t.preds.push_back(x.id);
        add_dependent(x, self);
        ++t.blockers;
      }
    // So the timers armed after the ticker and due later wait for its next tick.
    if (firing_)
      for (std::uint32_t i : armed_list_)
        if (timer& y = timers_[i]; y.deadline > t.deadline && y.stamp.knows(t.chain)) {
          y.preds.push_back(id);
          add_dependent(t, i);
          if (y.blockers++ == 0) due_list_.erase(std::lower_bound(due_list_.begin(), due_list_.end(), i));
          if (steps_on_) {
            rec_->timer_log.push_back(timer_step{
                timer_step::kind_t::follow, static_cast<std::int32_t>(rec_->step_log.size()) - 1, y.id, y.deadline,
                y.obj, timer_proc(id), y.chain, static_cast<std::uint32_t>(rec_->timer_preds.size()), 1});
            rec_->timer_preds.push_back(id);
          }
        }
  }
  ++armed_;
  armed_list_.push_back(self);
  if (t.blockers == 0) due_list_.push_back(self);
  rec_->timers = id;
  if (steps_on_) {
    // The pseudo-object of the timers: `exact` reads the clock's value here; in
    // `any` arming adds to the set of armed timers that a ticker's re-arming reads.
    record(any && firing_ ? clock_object : clock_object | read_access);
    log_timer(timer_step::kind_t::arm, timers_.back());
  }
  return id;
}

bool execution::stop_timer(std::uint64_t id) {
  const auto index = static_cast<std::size_t>(timer_index(id));
  if (armed_now(id)) {
    timer& t = timers_[index];
    disarm(index);
    t.fire = nullptr;
    if (steps_on_ && !tearing_down_) {
      record(t.obj);
      if (opts_.time == time_mode::any) record(clock_object | read_access);  // the set of armed timers
      log_timer(timer_step::kind_t::stop, t);
    }
    return true;
  }
  return false;
}

void execution::disarm(std::size_t index) {
  timer& t = timers_[index];
  t.armed = false;
  --armed_;
  const auto k = static_cast<std::uint32_t>(index);
  armed_list_.erase(std::lower_bound(armed_list_.begin(), armed_list_.end(), k));
  if (t.blockers == 0) due_list_.erase(std::lower_bound(due_list_.begin(), due_list_.end(), k));
  for (std::uint32_t e = t.dependents; e != no_edge; e = dep_edges_[e].next)  // they may now be due
    if (const std::uint32_t d = dep_edges_[e].timer; timers_[d].armed && --timers_[d].blockers == 0)
      due_list_.insert(std::lower_bound(due_list_.begin(), due_list_.end(), d), d);
}

void execution::add_dependent(timer& pred, std::uint32_t dependent) {
  dep_edges_.push_back({dependent, pred.dependents});
  pred.dependents = static_cast<std::uint32_t>(dep_edges_.size() - 1);
}

}  // namespace chancheck::detail
