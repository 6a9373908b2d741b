#!/usr/bin/env bash
# checkpoint_kill.sh CLI: `run --checkpoint` survives SIGKILL. A real run (parent and
# child: the whole process group) is killed at a random moment, resumed with --resume
# (and killed again), and resumed to the end: its verdicts, execution counts and pct
# sample counts must equal an uninterrupted run's, for the default portfolio (dpor
# with pct samples; whole, and a shard whose search is mostly probes of the other
# shards' subtrees), dfs and random with --max-executions. A
# search an execution bound stopped goes on when resumed with a larger bound. Then
# every refusal of --resume: another binary, version, scenario set or option, a missing
# or corrupt file, -j with --checkpoint.
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# verdict, executions and samples of each scenario in a JSON result
outcome() {
  python3 -c 'import json, sys
print(" ".join("%s=%s/%d+%d" % (s["scenario"], s["verdict"], s["executions"], s.get("samples", 0))
               for s in json.load(open(sys.argv[1]))["scenarios"]))' "$1"
}

# run_killed NAME ARGS...: starts the run in its own process group with a checkpoint,
# kills the group with SIGKILL at a random moment, then resumes it (killed once more)
# and lets the last resume finish.
run_killed() {
  local name=$1
  shift
  local ckpt="$dir/$name.ckpt"
  local first=(--checkpoint "$ckpt")
  for round in 1 2; do
    setsid "$cli" run "$@" "${first[@]}" --checkpoint-every 100ms --quiet --json "$dir/$name.json" \
      >/dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 100); do [ -s "$ckpt" ] && break; sleep 0.02; done
    [ -s "$ckpt" ] || fail "$name: no checkpoint file after 2s"
    sleep "0.$((RANDOM % 8 + 2))"
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    python3 -c 'import json, sys
j = json.load(open(sys.argv[1])); p = j["in_progress"]
print("  killed:", len(j["finished"]), "finished,", "%s at %d executions" % (p["scenario"], p["executions"]) if p else "none in progress")' "$ckpt"
    first=(--resume "$ckpt")
  done
  "$cli" run "$@" --resume "$ckpt" --quiet --json "$dir/$name.json" >/dev/null 2>&1
  [ $? -le 1 ] || fail "$name: the last resume failed"
}

check_same() {
  local name=$1
  shift
  "$cli" run "$@" --quiet --json "$dir/$name.whole.json" >/dev/null 2>&1
  run_killed "$name" "$@"
  local want got
  want=$(outcome "$dir/$name.whole.json")
  got=$(outcome "$dir/$name.json")
  [ -n "$want" ] || fail "$name: the uninterrupted run wrote no result"
  [ "$want" = "$got" ] || fail "$name: resumed run says $got, uninterrupted run $want"
  echo "ok $name: $got"
}

check_same portfolio patterns/ticker_loop_fixed scale/independent_calls patterns/wg_missing_done --no-split
check_same shard scale/independent_calls patterns/ticker_loop_fixed --shard 1/3
check_same dfs scale/independent_calls --strategy dfs --max-executions 100000
check_same random scale/independent_calls --strategy random --max-executions 60000

# SIGTERM and SIGINT save a last checkpoint before the run stops: with no periodic
# save due (--checkpoint-every 1h), the file still holds the search in progress,
# and resuming it gives the uninterrupted run's outcome.
stopped_saves() {
  local sig=$1 name=stop_$1
  local ckpt="$dir/$name.ckpt" args=(scale/independent_calls patterns/wg_missing_done --no-split --quiet)
  setsid "$cli" run "${args[@]}" --checkpoint "$ckpt" --checkpoint-every 1h --json "$dir/$name.json" \
    >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 100); do [ -s "$ckpt" ] && break; sleep 0.02; done
  sleep 0.5
  kill "-$sig" -- "-$pid" 2>/dev/null
  wait "$pid"
  local code=$? want=$((128 + $(kill -l "$sig")))
  [ $code -eq $want ] || fail "$name: exit $code after SIG$sig, expected $want"
  local saved
  saved=$(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))["in_progress"]
print(p["executions"] if p and p["scenario"] == "scale/independent_calls" else 0)' "$ckpt")
  [ "$saved" -gt 0 ] || fail "$name: SIG$sig left no search in progress in the checkpoint"
  "$cli" run "${args[@]}" --resume "$ckpt" --json "$dir/$name.json" >/dev/null 2>&1
  [ $? -le 1 ] || fail "$name: resuming after SIG$sig failed"
  "$cli" run "${args[@]}" --json "$dir/$name.whole.json" >/dev/null 2>&1
  [ "$(outcome "$dir/$name.json")" = "$(outcome "$dir/$name.whole.json")" ] ||
    fail "$name: resumed after SIG$sig: $(outcome "$dir/$name.json"), one run $(outcome "$dir/$name.whole.json")"
  echo "ok SIG$sig saved the search at $saved executions: $(outcome "$dir/$name.json")"
}
stopped_saves TERM
stopped_saves INT

# a search an execution bound stopped goes on when resumed with a larger bound
grow=(scale/independent_calls --strategy dfs --quiet)
"$cli" run "${grow[@]}" --max-executions 1000 --checkpoint "$dir/grow.ckpt" >/dev/null 2>&1 || fail "bounded run failed"
"$cli" run "${grow[@]}" --max-executions 5000 --resume "$dir/grow.ckpt" --json "$dir/grow.json" >/dev/null 2>&1 ||
  fail "resume with a larger bound failed"
"$cli" run "${grow[@]}" --max-executions 5000 --json "$dir/grow.whole.json" >/dev/null 2>&1
[ "$(outcome "$dir/grow.json")" = "$(outcome "$dir/grow.whole.json")" ] ||
  fail "a larger bound on resume: $(outcome "$dir/grow.json"), one run $(outcome "$dir/grow.whole.json")"
echo "ok larger bound: $(outcome "$dir/grow.json")"

# refusals: exit 2 and a message that names the cause
refused() {
  local want=$1
  shift
  local out
  out=$("$cli" run "$@" 2>&1)
  local code=$?
  [ $code -eq 2 ] || fail "expected exit 2 from run $*, got $code: $out"
  grep -qF -- "$want" <<<"$out" || fail "expected \"$want\" from run $*, got: $out"
}
base=(seed/buffered_fix --quiet)
"$cli" run "${base[@]}" --checkpoint "$dir/ok.ckpt" >/dev/null 2>&1 || fail "a checkpointed run failed"
refused "made with --strategy portfolio" "${base[@]}" --strategy dfs --resume "$dir/ok.ckpt"
refused "made with --seed 1" "${base[@]}" --seed 2 --resume "$dir/ok.ckpt"
refused "other scenarios" seed/forgotten_sender --quiet --resume "$dir/ok.ckpt"
refused "cannot read it" "${base[@]}" --resume "$dir/missing.ckpt"
echo '{"format": "chancheck-checkpoint", "version": 1' >"$dir/corrupt.ckpt"
refused "not a valid chancheck checkpoint" "${base[@]}" --resume "$dir/corrupt.ckpt"
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
j = json.load(open(d + "/ok.ckpt"))
for key, value in (("binary", "0000000000000000"), ("chancheck", "0.0.1")):
    k = dict(j, **{key: value})
    json.dump(k, open(f"{d}/{key}.ckpt", "w"))
PY
refused "made by another binary" "${base[@]}" --resume "$dir/binary.ckpt"
refused "made by chancheck 0.0.1" "${base[@]}" --resume "$dir/chancheck.ckpt"
refused "cannot save checkpoints" "${base[@]}" -j 2 --checkpoint "$dir/j.ckpt"
refused "name the same file" "${base[@]}" --checkpoint "$dir/same.json" --json "$dir/same.json"
refused "needs --checkpoint" "${base[@]}" --checkpoint-every 1s
"$cli" run "${base[@]}" --resume "$dir/ok.ckpt" >/dev/null 2>&1 || fail "resuming a finished run failed"
echo "ok refusals"
