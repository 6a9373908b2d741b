#!/usr/bin/env bash
# rapidcheck_example_check.sh: runs examples/rapidcheck/'s RC_GTEST_PROP program,
# which fails by design, and checks that its failure shows the shrunk inputs (the
# smallest timeout, 1 ms), the leak's report and a property token to replay both.
set -uo pipefail
out=$(RC_PARAMS="seed=7" "$1" 2>&1)
status=$?
fail() { echo "FAIL: $1" >&2; echo "$out" >&2; exit 1; }
[ "$status" -ne 0 ] || fail "the property passed; it must fail (process() leaks when the search is slower)"
echo "$out" | grep -q "Falsifiable after" || fail "RapidCheck did not report a counterexample"
echo "$out" | grep -q "chancheck: leak with inputs (1ms, 1ms)" || fail "the inputs were not shrunk to the smallest timeout (1 ms) and latency (1 ms)"
echo "$out" | grep -q "blocked forever in send" || fail "the leak's report is missing"
echo "$out" | grep -q 'replay_property(body, "ccp1\.' || fail "the property token is missing"
echo "ok: $(echo "$out" | grep -o 'chancheck: leak with inputs ([^)]*)' | tail -1)"
