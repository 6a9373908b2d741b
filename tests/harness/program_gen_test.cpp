// program_gen.cpp: generator, interpreter and outcome of generated programs.
#include "tests/harness/program_gen.hpp"

#include <array>
#include <chancheck/chancheck.hpp>
#include <chancheck/semaphore.hpp>
#include <memory>
#include <set>
#include <sstream>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>

namespace chancheck::testing {

namespace {
/// What the tasks of the current execution observed, one line per task.
std::vector<std::string>& observations() {
  static std::vector<std::string> o;
  return o;
}
}  // namespace

std::ostream& operator<<(std::ostream& os, const gen_op& op) {
  switch (op.kind) {
    case gen_op::send: return os << "c" << op.ch << "<-" << op.value;
    case gen_op::recv: return os << "<-c" << op.ch;
    case gen_op::close: return os << "close(c" << op.ch << ")";
    case gen_op::select2:
      os << "select{"
         << (op.send1 ? "c" + std::to_string(op.ch) + "<-" + std::to_string(op.value) : "<-c" + std::to_string(op.ch))
         << ", "
         << (op.send2 ? "c" + std::to_string(op.ch2) + "<-" + std::to_string(op.value)
                      : "<-c" + std::to_string(op.ch2));
      return os << (op.with_default ? ", default}" : "}");
    case gen_op::cancel: return os << "cancel()";
    case gen_op::recv_done: return os << "<-ctx.done()";
    case gen_op::sleep: return os << "sleep(" << op.value << "ms)";
    case gen_op::after_select: return os << "select{<-c" << op.ch << ", <-after(" << op.value << "ms)}";
    case gen_op::timer_stop: return os << "new_timer(" << op.value << "ms).stop()";
    case gen_op::ticker: return os << "t := new_ticker(" << op.value << "ms); <-t.c; t.stop()";
    case gen_op::now_ms: return os << "now()";
    case gen_op::drop: return os << "c" << op.ch << " = nil";
    case gen_op::pass: return os << "mail <- c" << op.ch;
    case gen_op::take: return os << "c" << op.ch << " = <-mail";
    case gen_op::lock: return os << "mu.lock()";
    case gen_op::unlock: return os << "mu.unlock()";
    case gen_op::try_lock: return os << "mu.try_lock()";
    case gen_op::cond_wait: return os << "cv.wait()";
    case gen_op::cond_signal: return os << "cv.signal()";
    case gen_op::wg_add: return os << "wg.add(1)";
    case gen_op::wg_done: return os << "wg.done()";
    case gen_op::wg_wait: return os << "wg.wait()";
    case gen_op::sem_acquire: return os << "sem.acquire()";
    case gen_op::sem_release: return os << "sem.release()";
    case gen_op::sem_try: return os << "sem.try_acquire()";
    case gen_op::rw_lock: return os << "rw.lock()";
    case gen_op::rw_unlock: return os << "rw.unlock()";
    case gen_op::rlock: return os << "rw.rlock()";
    case gen_op::runlock: return os << "rw.runlock()";
  }
  return os;
}

std::ostream& operator<<(std::ostream& os, const gen_program& p) {
  os << "channels:";
  for (std::size_t i = 0; i < p.caps.size(); ++i) os << " c" << i << "(cap " << p.caps[i] << ")";
  for (std::size_t t = 0; t < p.tasks.size(); ++t) {
    os << "\n  task " << t;
    if (t > 0 && t - 1 < p.holds.size()) os << " (holds " << p.holds[t - 1] << ")";
    os << ":";
    for (const auto& op : p.tasks[t]) os << " " << op << ";";
  }
  return os;
}

rc::Gen<gen_program> gen_programs() {
  return rc::gen::exec([] {
    gen_program p;
    int nch = *rc::gen::inRange(1, 3);
    for (int i = 0; i < nch; ++i) p.caps.push_back(*rc::gen::inRange(0, 2));
    int ntasks = *rc::gen::inRange(2, 4);
    for (int t = 0; t < ntasks; ++t) {
      std::vector<gen_op> ops;
      int nops = *rc::gen::inRange(1, 4);
      for (int k = 0; k < nops; ++k) {
        gen_op op;
        op.kind = static_cast<gen_op::kind_t>(*rc::gen::weightedElement<int>(
            {{4, gen_op::send},       {4, gen_op::recv},      {1, gen_op::close},       {3, gen_op::select2},
             {1, gen_op::cancel},     {1, gen_op::recv_done}, {1, gen_op::sleep},       {1, gen_op::after_select},
             {1, gen_op::timer_stop}, {1, gen_op::ticker},    {1, gen_op::now_ms},      {2, gen_op::drop},
             {1, gen_op::pass},       {1, gen_op::take},      {2, gen_op::lock},        {2, gen_op::unlock},
             {1, gen_op::try_lock},   {1, gen_op::cond_wait}, {1, gen_op::cond_signal}, {1, gen_op::wg_add},
             {2, gen_op::wg_done},    {1, gen_op::wg_wait},   {2, gen_op::sem_acquire}, {2, gen_op::sem_release},
             {1, gen_op::sem_try},    {1, gen_op::rw_lock},   {1, gen_op::rw_unlock},   {2, gen_op::rlock},
             {2, gen_op::runlock}}));
        op.ch = *rc::gen::inRange(0, nch);
        op.ch2 = *rc::gen::inRange(0, nch);
        op.send1 = *rc::gen::arbitrary<bool>();
        op.send2 = *rc::gen::arbitrary<bool>();
        op.with_default = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
        bool timed = op.kind == gen_op::sleep || op.kind == gen_op::after_select || op.kind == gen_op::timer_stop ||
                     op.kind == gen_op::ticker;
        op.value = timed ? 10 * *rc::gen::inRange(1, 4) : *rc::gen::inRange(1, 10);
        ops.push_back(op);
      }
      p.tasks.push_back(std::move(ops));
      if (t > 0) p.holds.push_back(*rc::gen::inRange(0, static_cast<int>(hold_kinds)));
    }
    return p;
  });
}

namespace {
constexpr std::size_t max_chans = 3;

/// The mutex every task may lock, its cond, and the count it guards (read and bumped
/// only by the task that just took mu: the order of takes is what it shows); the
/// wait group every task may add to, mark done and wait on; a semaphore of 2 units;
/// a read-write mutex and the count it guards (bumped by its writers, read by its readers).
struct guarded {
  mutex mu;
  cond cv{mu};
  int count = 0;
  wait_group wg;
  semaphore sem{2};
  rwmutex rw;
  int rw_count = 0;
};

/// What a task works on: its handles (wherever they live), the mail channel, the context.
struct task_env {
  chan<int>* chans;  ///< max_chans handles: nil once dropped
  chan<chan<int>> mail;
  context ctx;
  cancel_func cancel;
  std::shared_ptr<guarded> sync;
};

/// The ops on the read-write mutex: its writers bump the count it guards, its readers read it.
void run_rw_op(const gen_op& op, guarded& g, std::string& log) {
  if (op.kind == gen_op::rw_lock) {
    g.rw.lock();
    log += "WL" + std::to_string(g.rw_count++) + " ";
  } else if (op.kind == gen_op::rw_unlock) {
    g.rw.unlock();
    log += "WU ";
  } else if (op.kind == gen_op::rlock) {
    g.rw.rlock();
    log += "RL" + std::to_string(g.rw_count) + " ";
  } else {
    g.rw.runlock();
    log += "RU ";
  }
}

/// The ops on the mutex and its cond.
void run_sync_op(const gen_op& op, guarded& g, std::string& log) {
  switch (op.kind) {
    case gen_op::lock:
      g.mu.lock();
      log += "L" + std::to_string(g.count++) + " ";
      break;
    case gen_op::unlock:
      g.mu.unlock();
      log += "U ";
      break;
    case gen_op::try_lock: log += g.mu.try_lock() ? "T" + std::to_string(g.count++) + " " : "T- "; break;
    case gen_op::cond_wait:
      g.cv.wait();
      log += "W" + std::to_string(g.count++) + " ";
      break;
    case gen_op::cond_signal:
      g.cv.signal();
      log += "S ";
      break;
    case gen_op::wg_add:
      g.wg.add(1);
      log += "A ";
      break;
    case gen_op::wg_done:
      g.wg.done();
      log += "D ";
      break;
    case gen_op::wg_wait:
      g.wg.wait();
      log += "V ";
      break;
    case gen_op::sem_acquire:
      g.sem.acquire();
      log += "Q ";
      break;
    case gen_op::sem_release:
      g.sem.release();
      log += "R ";
      break;
    default: log += g.sem.try_acquire() ? "Y1 " : "Y- "; break;
  }
}

/// The ops that move handles around: drop, pass, take.
void run_handle_op(const gen_op& op, task_env& env, std::string& log) {
  chan<int>& mine = env.chans[op.ch];
  if (op.kind == gen_op::drop) {
    mine = chan<int>();
    log += "x ";
  } else if (op.kind == gen_op::pass) {
    env.mail.send(mine);
    log += "p ";
  } else {
    auto [c, ok] = env.mail.recv();
    mine = std::move(c);
    log += ok ? "t " : "t! ";
  }
}

void run_ops(const std::vector<gen_op>& ops, task_env& env, std::string& log) {
  chan<int>* chans = env.chans;
  const context& ctx = env.ctx;
  const cancel_func& cancel = env.cancel;
  for (const auto& op : ops) {
    switch (op.kind) {
      case gen_op::drop:
      case gen_op::pass:
      case gen_op::take: run_handle_op(op, env, log); break;
      case gen_op::lock:
      case gen_op::unlock:
      case gen_op::try_lock:
      case gen_op::cond_wait:
      case gen_op::cond_signal:
      case gen_op::wg_add:
      case gen_op::wg_done:
      case gen_op::wg_wait:
      case gen_op::sem_acquire:
      case gen_op::sem_release:
      case gen_op::sem_try: run_sync_op(op, *env.sync, log); break;
      case gen_op::rw_lock:
      case gen_op::rw_unlock:
      case gen_op::rlock:
      case gen_op::runlock: run_rw_op(op, *env.sync, log); break;
      case gen_op::send: chans[op.ch].send(op.value); break;
      case gen_op::recv: {
        auto [v, ok] = chans[op.ch].recv();
        log += "r" + std::to_string(v) + (ok ? "" : "!") + " ";
        break;
      }
      case gen_op::close: chans[op.ch].close(); break;
      case gen_op::select2: {
        int took = -2;
        auto on = [&](int i) { return [&took, i](int v, bool ok) { took = i * 100 + v + (ok ? 0 : 50); }; };
        auto sent = [&](int i) { return [&took, i] { took = i * 100; }; };
        if (op.with_default) {
          if (op.send1 && op.send2)
            select(send(chans[op.ch], op.value, sent(1)), send(chans[op.ch2], op.value, sent(2)),
                   default_case([&] { took = -1; }));
          else if (op.send1)
            select(send(chans[op.ch], op.value, sent(1)), recv(chans[op.ch2], on(2)), default_case([&] { took = -1; }));
          else if (op.send2)
            select(recv(chans[op.ch], on(1)), send(chans[op.ch2], op.value, sent(2)), default_case([&] { took = -1; }));
          else
            select(recv(chans[op.ch], on(1)), recv(chans[op.ch2], on(2)), default_case([&] { took = -1; }));
        } else {
          if (op.send1 && op.send2)
            select(send(chans[op.ch], op.value, sent(1)), send(chans[op.ch2], op.value, sent(2)));
          else if (op.send1)
            select(send(chans[op.ch], op.value, sent(1)), recv(chans[op.ch2], on(2)));
          else if (op.send2)
            select(recv(chans[op.ch], on(1)), send(chans[op.ch2], op.value, sent(2)));
          else
            select(recv(chans[op.ch], on(1)), recv(chans[op.ch2], on(2)));
        }
        log += "s" + std::to_string(took) + " ";
        break;
      }
      case gen_op::cancel: cancel(); break;
      case gen_op::recv_done: {
        ctx.done().recv();
        log += "d ";
        break;
      }
      case gen_op::sleep: chancheck::sleep(std::chrono::milliseconds(op.value)); break;
      case gen_op::after_select: {
        int took = 0;
        select(recv(chans[op.ch], [&](int v, bool ok) { took = v + (ok ? 0 : 50); }),
               recv(after(std::chrono::milliseconds(op.value)), [&](time_point, bool) { took = -1; }));
        log += "a" + std::to_string(took) + " ";
        break;
      }
      case gen_op::timer_stop: {
        auto t = new_timer(std::chrono::milliseconds(op.value));
        log += t.stop() ? "stopped " : "fired ";
        break;
      }
      case gen_op::ticker: {
        time_point start = now();
        auto t = new_ticker(std::chrono::milliseconds(op.value));
        auto tick = t.c.recv();
        t.stop();
        log += "k" + std::to_string((tick.value - start) / std::chrono::milliseconds(1)) + " ";
        break;
      }
      case gen_op::now_ms:
        log += "t" + std::to_string(now().time_since_epoch() / std::chrono::milliseconds(1)) + " ";
        break;
    }
  }
  log += "end";
}
}  // namespace

namespace {
using handles = std::array<chan<int>, max_chans>;

/// Starts task t of `prog`, holding copies of `own` the way prog->holds says.
void start_task(const std::shared_ptr<gen_program>& prog, std::size_t t, const handles& own, const task_env& env) {
  const int hold = t - 1 < prog->holds.size() ? prog->holds[t - 1] : in_closure;
  if (hold == heap_vector) {
    go([prog, t, env, mine = std::vector<chan<int>>(own.begin(), own.end())]() mutable {
      task_env e = env;
      e.chans = mine.data();
      run_ops(prog->tasks[t], e, observations()[t]);
    });
  } else if (hold == shared_box) {
    auto box = std::make_shared<handles>(own);
    go([prog, t, env, box] {
      task_env e = env;
      e.chans = box->data();
      run_ops(prog->tasks[t], e, observations()[t]);
    });
  } else {
    go([prog, t, env, mine = own]() mutable {
      task_env e = env;
      e.chans = mine.data();
      run_ops(prog->tasks[t], e, observations()[t]);
    });
  }
}
}  // namespace

std::function<void()> program_body(const gen_program& p) {
  auto prog = std::make_shared<gen_program>(p);
  return [prog] {
    auto& obs = observations();
    obs.assign(prog->tasks.size(), std::string());
    handles own;  // main's handles, on main's stack
    for (std::size_t i = 0; i < prog->caps.size(); ++i)
      own[i] = make_chan<int>(static_cast<std::size_t>(prog->caps[i]));
    auto [ctx, cancel] = with_cancel(background());
    task_env env{nullptr, make_chan<chan<int>>(2), ctx, cancel, std::make_shared<guarded>()};
    for (std::size_t t = 1; t < prog->tasks.size(); ++t) start_task(prog, t, own, env);
    env.chans = own.data();
    run_ops(prog->tasks[0], env, obs[0]);
  };
}

std::string outcome(const execution_record& r) {
  std::string s;
  for (std::size_t t = 0; t < observations().size(); ++t) s += "[" + observations()[t] + "]";
  std::set<std::string> failures;  // with continue_after_failure every task runs to its end or block
  for (const auto& f : r.failures) failures.insert(" " + f.message + " in task " + std::to_string(f.task));
  for (const auto& f : failures) s += f;
  for (std::size_t t = 0; t < r.tasks.size(); ++t)
    if (r.tasks[t].state == task_state::blocked) s += " blocked:" + std::to_string(t);
  if (r.stop == stop_reason::step_limit) s += " step-limit";
  return s;
}

std::string task_outcome(const execution_record& r, std::size_t t) {
  std::string s = std::to_string(t) + ": " + (t < observations().size() ? observations()[t] : "");
  std::set<std::string> failures;
  for (const auto& f : r.failures)
    if (f.task == static_cast<std::int32_t>(t)) failures.insert(" " + f.message);
  for (const auto& f : failures) s += f;
  if (t < r.tasks.size() && r.tasks[t].state == task_state::blocked) s += " blocked";
  return s;
}

gen_outcomes explore_outcomes(const gen_program& p, const std::string& strategy, time_mode t, bool split,
                              std::uint64_t max_executions) {
  explore_options o;
  o.strategy = strategy;
  o.exec.time = t;
  o.max_executions = max_executions;
  o.dpor_split = split;
  o.exec.continue_after_failure = true;  // whole outcomes: every task runs to its end
  o.exec.midrun = midrun_check::on;
  gen_outcomes out;
  out.result = explore(program_body(p), o, [&](const execution_record& r) {
    if (out.false_alarm.empty()) out.false_alarm = leaked_tasks_stayed_blocked(r);
    out.leaks += r.leaks_found.empty() ? 0 : 1;
    out.seen.insert(outcome(r));
    for (std::size_t k = 0; k < p.tasks.size(); ++k) out.per_task.insert(task_outcome(r, k));
    return false;
  });
  return out;
}

std::string leaked_tasks_stayed_blocked(const execution_record& r) {
  for (const auto& f : r.leaks_found)
    for (std::size_t i = 0; i < f.tasks.size(); ++i) {
      const trace_task& t = r.tasks[static_cast<std::size_t>(f.tasks[i])];
      if (t.state != task_state::blocked || t.steps != f.task_steps[i])
        return "task " + std::to_string(t.id) + " was named leaked at step " + std::to_string(f.step) + " after " +
               std::to_string(f.task_steps[i]) + " steps, and ran on: " + std::to_string(t.steps) + " steps, " +
               (t.state == task_state::blocked ? "blocked" : "not blocked") + " at the end";
    }
  return {};
}

}  // namespace chancheck::testing

#include <gtest/gtest.h>

#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

TEST(ProgramGen, InterpreterObservesWhatTheProgramDoes) {
  // main receives twice from c0 (capacity 1); task 1 sends 7 then closes c0.
  gen_program p;
  p.caps = {1};
  p.tasks = {{{gen_op::recv, 0}, {gen_op::recv, 0}},
             {{gen_op::send, 0, 0, false, false, false, 7}, {gen_op::close, 0}}};
  std::set<std::string> seen;
  auto res = explore(program_body(p), dfs(), [&](const execution_record& r) {
    seen.insert(outcome(r));
    return false;
  });
  EXPECT_TRUE(res.exhaustive);
  EXPECT_EQ(seen, (std::set<std::string>{"[r7 r0! end][end]"}));
}

}  // namespace chancheck::testing
