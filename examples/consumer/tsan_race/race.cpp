// race.cpp: one planted data race among kit traffic that must not be reported. Two
// tasks increment `hits` with no synchronisation (the race); everything else (channels,
// select, a mutex, a wait group, a timer, and check() exploring on fibers) is
// synchronised, so an instrumented chancheck gives exactly one ThreadSanitizer report.
#include <chancheck/chancheck.hpp>
#include <chancheck/check.hpp>
#include <cstdio>

using namespace chancheck;
using namespace std::chrono_literals;

namespace {

int hits = 0;  // the planted race: written by two tasks with nothing ordering them

void synchronised_traffic() {
  auto jobs = make_chan<int>(4);
  auto results = make_chan<int>();
  chancheck::mutex m;
  wait_group wg;
  int total = 0;
  for (int w = 0; w < 3; ++w) {
    wg.add(1);
    go("worker", [=, &m, &wg, &total] {
      CHANCHECK_DEFER(wg.done());
      for (auto j = jobs.recv(); j.ok; j = jobs.recv()) {
        m.lock();
        total += j.value;
        m.unlock();
        results.send(j.value);
      }
    });
  }
  go("feeder", [jobs] {
    for (int i = 1; i <= 20; ++i) jobs.send(i);
    jobs.close();
  });
  for (int i = 0; i < 20; ++i) select(recv(results), recv(after(1s)));
  wg.wait();
  std::printf("total %d\n", total);
}

}  // namespace

int main() {
  synchronised_traffic();
  auto done = make_chan<int>();
  go("a", [done] {
    ++hits;
    done.send(1);
  });
  go("b", [done] {
    ++hits;
    done.send(1);
  });
  done.recv();
  done.recv();
  // The explorer on fibers, under the same instrumented build.
  check_result r = check([] {
    auto c = make_chan<int>(1);
    go("sender", [c] { c.send(1); });
    c.recv();
  });
  std::printf("hits %d, explored: %s\n", hits, r.verdict.c_str());
  return r.passed() ? 0 : 1;
}
