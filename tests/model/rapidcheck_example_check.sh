#!/usr/bin/env bash
# rapidcheck_example_check.sh: runs examples/rapidcheck/'s RC_GTEST_PROP program,
# which fails by design, and checks that its failure shows the shrunk inputs (the
# smallest timeout, 1 ms), the leak's report and a property token to replay both.
set -uo pipefail
out=$(RC_PARAMS="seed=7" "$1" 2>&1)
status=$?
fail() { echo "FAIL: $1" >&2; echo "$out" >&2; exit 1; }
[ "$status" -ne 0 ] || fail "the property passed; it must fail (process() leaks when the search is slower)"
grep -q "Falsifiable after" <<<"$out" || fail "RapidCheck did not report a counterexample"
grep -q "chancheck: leak with inputs (1ms, 1ms)" <<<"$out" || fail "the inputs were not shrunk to the smallest timeout (1 ms) and latency (1 ms)"
grep -q "blocked forever in send" <<<"$out" || fail "the leak's report is missing"
grep -q 'replay_property(body, "ccp1\.' <<<"$out" || fail "the property token is missing"
echo "ok: $(echo "$out" | grep -o 'chancheck: leak with inputs ([^)]*)' | tail -1)"
