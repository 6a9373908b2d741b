#!/usr/bin/env bash
# sanitize.sh: the sanitizer job, one command. Configures two builds, builds only
# what the suites need (no benchmarks, no Relacy), and runs:
#   build-tsan  (CHANCHECK_SANITIZE=thread)   ThreadSanitizer
#   build-asan  (CHANCHECK_SANITIZE=address)  AddressSanitizer + UndefinedBehaviorSanitizer
# each with the real-thread stress tests (tests/stress: many senders, receivers,
# selects, closes, cancels, timers and sync primitives, bounded in rounds and
# time, plus the fiber explorer worked hard) and the whole test suite (the
# explorer on fibers, with the fiber-switch annotations). Any sanitizer report
# fails the run. docs/sanitizers.md explains the builds and how to read reports.
#
#   bash tools/sanitize.sh            both sanitizers
#   bash tools/sanitize.sh thread     ThreadSanitizer only
#   bash tools/sanitize.sh address    AddressSanitizer + UBSan only
# Environment: CHANCHECK_STRESS_SECONDS (time budget per stress test, default 1),
# CHANCHECK_JOBS (build jobs, and shards of each test suite run side by side; default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-all}
case "$which" in
  all | thread | address) ;;
  *) echo "usage: bash tools/sanitize.sh [thread|address]   (no argument: both)" >&2; exit 2 ;;
esac
jobs=${CHANCHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Reports make the binaries fail (TSan exits 66 after reporting; ASan and UBSan stop at once).
# atexit_sleep_ms=0: TSan sleeps a second in every process that exits, to catch races
# with threads still running; the stress tests join theirs, and the suite starts a CLI
# process (and the CLI a child per scenario) hundreds of times: minutes of sleep.
export TSAN_OPTIONS="second_deadlock_stack=1 atexit_sleep_ms=0 ${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="detect_leaks=1 strict_string_checks=1 ${ASAN_OPTIONS:-}"
# Leaked tasks of the explorer are abandoned by design; their heap is not a leak to report.
export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp print_suppressions=0 ${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1 ${UBSAN_OPTIONS:-}"

start=$SECONDS
failed=()
step() {  # step NAME COMMAND...: runs a step, times it, records a failure
  local name=$1
  shift
  local t0=$SECONDS
  echo "== $name"
  if "$@"; then
    echo "== $name: ok ($((SECONDS - t0))s)"
  else
    echo "== $name: FAILED ($((SECONDS - t0))s)"
    failed+=("$name")
  fi
}

suite() {  # suite SANITIZER DIR
  local sanitizer=$1 dir=$2
  # -O1 -g1: what the sanitizers recommend, lines in every report, assertions on,
  # and half the compile time of -O2 -g (the build is most of this job's time).
  # CHANCHECK_UNITY: unity-built library layers, precompiled headers for the catalog and tests.
  step "$sanitizer: configure $dir" cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCHANCHECK_SANITIZE="$sanitizer" -DCHANCHECK_BENCH=OFF \
    -DCHANCHECK_TESTS=ON -DCHANCHECK_EXAMPLES=ON -DCHANCHECK_UNITY=ON
  step "$sanitizer: build" cmake --build "$dir" -j"$jobs" --target chancheck chancheck_tests chancheck_stress
  [ -x "$dir/tests/stress/chancheck_stress" ] && [ -x "$dir/tests/chancheck_tests" ] || return 0
  step "$sanitizer: stress tests (real threads, explorer)" "$dir/tests/stress/chancheck_stress"
  # The generated-program properties (dpor against dfs, ...) check the algorithms; the
  # regular suite runs 100 cases. Under a sanitizer 10 cases exercise the same code:
  # every explored task makes a TSan fiber (a 768 KB clear), so 100 would take an hour.
  step "$sanitizer: test suite" sharded "$dir/tests/chancheck_tests"
}

sharded() {  # sharded BINARY: the GoogleTest binary as $jobs shards side by side (GTEST_TOTAL_SHARDS), each log shown
  local bin=$1 pids=() rc=0 i
  for ((i = 0; i < jobs; i++)); do
    RC_PARAMS="max_success=10 ${RC_PARAMS:-}" GTEST_TOTAL_SHARDS=$jobs GTEST_SHARD_INDEX=$i "$bin" >"$bin.shard$i.log" 2>&1 &
    pids+=($!)
  done
  for ((i = 0; i < jobs; i++)); do
    wait "${pids[$i]}" || rc=1
    echo "-- shard $i of $jobs"
    cat "$bin.shard$i.log"
  done
  return $rc
}

quiet() {  # quiet LOG COMMAND...: output to LOG, shown only when the command fails
  local log=$1
  shift
  "$@" >"$log" 2>&1 || { tail -n 60 "$log"; return 1; }
}

# The instrumented flavour as a user installs it: a ThreadSanitizer consumer with one
# planted race (examples/consumer/tsan_race) must get exactly one report, not false ones
# from chancheck's own synchronisation.
tsan_consumer() {
  local prefix=build-tsan/consumer-prefix out=build-tsan/consumer
  cmake --build build-tsan -j"$jobs" --target chancheck_check chancheck_main >/dev/null &&
    cmake --install build-tsan --prefix "$prefix" >/dev/null &&
    cmake -S examples/consumer/tsan_race -B "$out" -DCMAKE_PREFIX_PATH="$PWD/$prefix" >/dev/null &&
    cmake --build "$out" -j"$jobs" >/dev/null || return 1
  TSAN_OPTIONS="exitcode=0 $TSAN_OPTIONS" "$out/tsan_race" >"$out/run.log" 2>&1 || { tail -n 40 "$out/run.log"; return 1; }
  local reports
  reports=$(grep -c "WARNING: ThreadSanitizer" "$out/run.log" || true)
  grep -q "hits 2, explored: pass" "$out/run.log" || { echo "the consumer did not run to its end"; return 1; }
  [ "$reports" = 1 ] && grep -q "Location is global '(anonymous namespace)::hits'" "$out/run.log" && return 0
  echo "the TSan consumer got $reports reports; exactly one (the planted race in race.cpp) was expected"
  cat "$out/run.log"
  return 1
}

if [ "$which" = all ] || [ "$which" = thread ]; then
  suite thread build-tsan
  step "thread: an installed instrumented chancheck, one planted race: one report" tsan_consumer
fi
if [ "$which" = all ] || [ "$which" = address ]; then suite address build-asan; fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "sanitize.sh: FAILED after $((SECONDS - start))s: ${failed[*]}"
  echo "  the sanitizer report is above each failed step; docs/sanitizers.md says how to read and reproduce it"
  exit 1
fi
echo "sanitize.sh: every sanitizer suite passed in $((SECONDS - start))s"
