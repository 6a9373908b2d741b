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
"$work/fp/order_checks" run orders/price --no-time | tee "$work/out.txt"
grep -q "PASS orders/price" "$work/out.txt"
grep -q exhaustive "$work/out.txt"
if [ "${3:-}" = --subdirectory ]; then
  cmake -S "$src/examples/consumer/add_subdirectory" -B "$work/sd" -DCHANCHECK_DIR="$src" -DCHANCHECK_TESTS=OFF -DCHANCHECK_BENCH=OFF >/dev/null
  cmake --build "$work/sd" -j2 --target order_checks >/dev/null
  "$work/sd/order_checks" run orders/price --no-time | grep -q "PASS orders/price"
fi
echo "consumers: ok"
