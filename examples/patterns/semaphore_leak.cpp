// semaphore_leak.cpp: an error path that returns without releasing a weighted
// semaphore's unit (golang.org/x/sync/semaphore).
//
// handle() takes one of the semaphore's two units per request and returns early
// on an invalid request without giving it back. After two invalid requests both
// units are gone, and the next request waits in Acquire forever (the report
// names the tasks that returned holding units, and where they acquired them).
// The fix releases on every path (Go: defer sem.Release(1) right after Acquire).
//
// The Go original:
//   var sem = semaphore.NewWeighted(2)
//
//   func handle(ctx context.Context, r request) error {
//       if err := sem.Acquire(ctx, 1); err != nil {
//           return err
//       }
//       // fix: defer sem.Release(1)
//       if !r.valid() {
//           return errInvalid // returns holding the unit
//       }
//       process(r)
//       sem.Release(1)
//       return nil
//   }
//
//   for _, r := range []request{{"a", false}, {"b", false}, {"c", true}} {
//       go handle(ctx, r)
//   }
#include <chancheck/scenario.hpp>
#include <chancheck/semaphore.hpp>
#include <memory>
#include <string>

using namespace chancheck;

namespace {

struct request {
  std::string name;
  bool valid;
};

struct server {
  semaphore sem{2};  // two requests at a time

  bool handle(const request& r, bool fixed) {
    sem.acquire(1);  // <- reported here
    if (fixed) {
      CHANCHECK_DEFER(sem.release(1));
      return r.valid;
    }
    if (!r.valid) return false;  // returns holding the unit
    sem.release(1);
    return true;
  }
};

void run(bool fixed) {
  auto s = std::make_shared<server>();
  for (const request& r : {request{"a", false}, request{"b", false}, request{"c", true}})
    go("handle " + r.name, [s, r, fixed] { (void)s->handle(r, fixed); });
}

}  // namespace

CHANCHECK_SCENARIO("patterns/semaphore_leak", expected::leak) { run(false); }

CHANCHECK_SCENARIO("patterns/semaphore_leak_fixed") { run(true); }
