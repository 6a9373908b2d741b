#!/usr/bin/env bash
# nightly_shards.sh CLI: the shard half of the nightly acceptance check, compared
# with the search the shards split: `run --shard 0/1` (a sharded dpor search has
# the shard frontier, docs/exploration.md). 4 shards of each scenario, merged,
# run exactly its executions and reach its verdict.
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
scenarios="scale/independent_calls patterns/ticker_loop_fixed patterns/pool_first_error_fixed seed/forgotten_sender"
for i in 0 1 2 3; do
  "$cli" run $scenarios --no-split --quiet --shard "$i/4" --json "$dir/s$i.json" >/dev/null 2>&1
  [ $? -le 1 ] || { echo "shard $i/4 failed"; exit 1; }
done
"$cli" run $scenarios --no-split --quiet --shard 0/1 --json "$dir/whole.json" >/dev/null 2>&1
"$cli" merge "$dir"/s?.json --json "$dir/merged.json" >/dev/null 2>&1
[ $? -le 1 ] || { echo "merge failed"; exit 1; }
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
whole = {s["scenario"]: s for s in json.load(open(d + "/whole.json"))["scenarios"]}
merged = {s["scenario"]: s for s in json.load(open(d + "/merged.json"))["scenarios"]}
bad = []
for name, w in whole.items():
    m = merged[name]
    if m["verdict"] != w["verdict"]:
        bad.append(f"{name}: shards say {m['verdict']}, one run {w['verdict']}")
    elif w["verdict"] == "pass" and m["executions"] != w["executions"]:
        bad.append(f"{name}: 4 shards ran {m['executions']} executions, one run {w['executions']}")
print("\n".join(bad) if bad else "4 shards = one run: " + ", ".join(f"{n} {w['executions']}" for n, w in whole.items()))
sys.exit(1 if bad else 0)
PY
