// defer_compile_cases.cpp: compiled once per case by defer_compile_check.sh. Case 0
// is Go's reading of defer and must compile; every other case is a misuse that must
// not (docs/defer.md). Not part of the test binary.
#include <chancheck/chancheck.hpp>

using namespace chancheck;

int deferred_calls = 0;

void go_reading() {
  auto [ctx, cancel] = with_cancel(background());
  CHANCHECK_DEFER(cancel());
  mutex mu;
  mu.lock();
  CHANCHECK_DEFER(mu.unlock());
  CHANCHECK_DEFER({
    ++deferred_calls;
    ++deferred_calls;
  });
#if CASE == 1
  defer([&] { ++deferred_calls; });  // a temporary: would run at once
#elif CASE == 2
  defer cancel_on_return(cancel);  // reads like a call, declares a variable
#elif CASE == 3
  auto f = [&] { ++deferred_calls; };
  defer(f);  // a declaration of a variable f in the old API
#elif CASE == 4
  chancheck::defer(cancel);  // a qualified call
#endif
}

int main() {
  go_reading();
  return deferred_calls == 2 ? 0 : 1;
}
