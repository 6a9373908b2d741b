#!/usr/bin/env bash
# test_consumers.sh: installs chancheck from a build tree into a scratch prefix,
# builds the find_package consumer against it (and, with --subdirectory, the
# add_subdirectory consumer), and checks that both CLIs run the user's scenario,
# that chancheck_discover_scenarios adds one CTest test per scenario, and that the
# GoogleTest tests (CHANCHECK_TEST, matchers, a saved token's replay) run.
#   test_consumers.sh SOURCE_DIR BUILD_DIR [--subdirectory]
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/examples/consumer/find_package" -B "$work/fp" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" -j2 >/dev/null
# (Outputs are saved before grep reads them: `grep -q` stops reading at the first match, and
# under pipefail the writer's SIGPIPE would fail the pipeline at random.)
"$work/fp/order_checks" list >"$work/list.txt"
grep -q "orders/price" "$work/list.txt"
# A plain `using namespace chancheck` reaches the kit, not the runtime's or explorer's internals.
probe() {
  printf '#include <chancheck/chancheck.hpp>\n#include <chancheck/scenario.hpp>\nusing namespace chancheck;\nusing probe = decltype(sizeof(%s*));\n' \
    "$1" >"$work/probe.cpp"
  c++ -std=c++20 -fsyntax-only -I"$work/prefix/include" "$work/probe.cpp" 2>/dev/null
}
probe "chan<int>" && probe wait_group && probe scenario_spec || { echo "consumers: the public names do not compile" >&2; exit 1; }
for name in controller dyn_runtime op_desc op_kind case_desc \
            object_kind live_tasks execution explorer strategy trace_event violation scenario_info; do
  if probe "$name"; then
    echo "consumers: chancheck::$name is reachable with using namespace chancheck; it belongs in chancheck::detail" >&2
    exit 1
  fi
done
"$work/fp/order_checks" run orders/price --no-time | tee "$work/out.txt"
grep -q "PASS orders/price" "$work/out.txt"
grep -q exhaustive "$work/out.txt"
# chancheck_discover_scenarios and gtest_discover_tests: every test is listed, and every one passes.
ctest --test-dir "$work/fp" -N | tee "$work/tests.txt"
for name in "orders/price" "Orders.PriceWithRoomForTheAnswer" "Orders.UnbufferedPriceLeaksTheLookup" \
            "Regression.SavedTokenReplaysTheLeak" "orders_token_from_environment" "orders_property_passes" \
            "orders_property_shrinks"; do
  grep -q "Test *#[0-9]*: $name\$" "$work/tests.txt" || { echo "consumers: ctest -N does not list $name" >&2; exit 1; }
done
ctest --test-dir "$work/fp" --output-on-failure >/dev/null
# A ThreadSanitizer build against this uninstrumented package stops at configure time with the fix.
if cmake -S "$src/examples/consumer/find_package" -B "$work/tsan" -DCMAKE_PREFIX_PATH="$work/prefix" \
     -DCMAKE_CXX_FLAGS=-fsanitize=thread >"$work/tsan.txt" 2>&1; then
  # Only an instrumented package may accept it.
  grep -q 'set(chancheck_SANITIZE "thread")' "$work/prefix/lib/cmake/chancheck/chancheckConfig.cmake" ||
    { echo "consumers: -fsanitize=thread against an uninstrumented chancheck configured without an error" >&2; exit 1; }
else
  message=$(tr -s ' \n' '  ' <"$work/tsan.txt")  # CMake wraps the message at spaces
  [[ $message == *"built without ThreadSanitizer"* && $message == *"-DCHANCHECK_SANITIZE=thread"* ]] ||
    { echo "consumers: the ThreadSanitizer configure error does not say the fix:" >&2; cat "$work/tsan.txt" >&2; exit 1; }
fi
if [ "${3:-}" = --subdirectory ]; then
  cmake -S "$src/examples/consumer/add_subdirectory" -B "$work/sd" -DCHANCHECK_DIR="$src" -DCHANCHECK_TESTS=OFF -DCHANCHECK_BENCH=OFF \
    -DCHANCHECK_UNITY=ON >/dev/null  # the library compiled as a few large files: the slowest test otherwise
  cmake --build "$work/sd" -j2 --target order_checks >/dev/null
  "$work/sd/order_checks" run orders/price --no-time >"$work/sd-run.txt"
  grep -q "PASS orders/price" "$work/sd-run.txt"
  ctest --test-dir "$work/sd" -N >"$work/sd-tests.txt"
  grep -q "subdir:orders/price" "$work/sd-tests.txt" ||
    { echo "consumers: chancheck_discover_scenarios from the build tree added no test" >&2; exit 1; }
fi
echo "consumers: ok"
