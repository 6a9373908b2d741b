#!/usr/bin/env bash
# test_consumers.sh: installs chancheck from a build tree into a scratch prefix,
# builds the find_package consumer against it (and, with --subdirectory, the
# add_subdirectory consumer), and checks that both CLIs run the user's scenario.
#   test_consumers.sh SOURCE_DIR BUILD_DIR [--subdirectory]
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/examples/consumer/find_package" -B "$work/fp" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" -j2 >/dev/null
"$work/fp/order_checks" list | grep -q "orders/price"
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
if [ "${3:-}" = --subdirectory ]; then
  cmake -S "$src/examples/consumer/add_subdirectory" -B "$work/sd" -DCHANCHECK_DIR="$src" -DCHANCHECK_TESTS=OFF -DCHANCHECK_BENCH=OFF >/dev/null
  cmake --build "$work/sd" -j2 --target order_checks >/dev/null
  "$work/sd/order_checks" run orders/price --no-time | grep -q "PASS orders/price"
fi
echo "consumers: ok"
