// program_gen.cpp: generator, interpreter and outcome of generated programs.
#include "tests/harness/program_gen.hpp"

#include <chancheck/chancheck.hpp>
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
  }
  return os;
}

std::ostream& operator<<(std::ostream& os, const gen_program& p) {
  os << "channels:";
  for (std::size_t i = 0; i < p.caps.size(); ++i) os << " c" << i << "(cap " << p.caps[i] << ")";
  for (std::size_t t = 0; t < p.tasks.size(); ++t) {
    os << "\n  task " << t << ":";
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
        op.kind = static_cast<gen_op::kind_t>(*rc::gen::weightedElement<int>({{4, gen_op::send},
                                                                              {4, gen_op::recv},
                                                                              {1, gen_op::close},
                                                                              {3, gen_op::select2},
                                                                              {1, gen_op::cancel},
                                                                              {1, gen_op::recv_done},
                                                                              {1, gen_op::sleep},
                                                                              {1, gen_op::after_select},
                                                                              {1, gen_op::timer_stop},
                                                                              {1, gen_op::ticker},
                                                                              {1, gen_op::now_ms}}));
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
    }
    return p;
  });
}

namespace {
void run_ops(const std::vector<gen_op>& ops, const std::vector<chan<int>>& chans, const context& ctx,
             const cancel_func& cancel, std::string& log) {
  for (const auto& op : ops) {
    switch (op.kind) {
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

std::function<void()> program_body(const gen_program& p) {
  auto prog = std::make_shared<gen_program>(p);
  return [prog] {
    auto& obs = observations();
    obs.assign(prog->tasks.size(), std::string());
    std::vector<chan<int>> chans;
    for (int c : prog->caps) chans.push_back(make_chan<int>(static_cast<std::size_t>(c)));
    auto [ctx, cancel] = with_cancel(background());
    for (std::size_t t = 1; t < prog->tasks.size(); ++t)
      go([prog, chans, ctx = ctx, cancel = cancel, t] {
        run_ops(prog->tasks[t], chans, ctx, cancel, observations()[t]);
      });
    run_ops(prog->tasks[0], chans, ctx, cancel, obs[0]);
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

gen_outcomes explore_outcomes(const gen_program& p, const std::string& strategy, time_mode t, bool split) {
  explore_options o;
  o.strategy = strategy;
  o.exec.time = t;
  o.max_executions = 200000;
  o.dpor_split = split;
  o.exec.continue_after_failure = true;  // whole outcomes: every task runs to its end
  gen_outcomes out;
  out.result = explore(program_body(p), o, [&](const execution_record& r) {
    out.seen.insert(outcome(r));
    for (std::size_t k = 0; k < p.tasks.size(); ++k) out.per_task.insert(task_outcome(r, k));
    return false;
  });
  return out;
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
