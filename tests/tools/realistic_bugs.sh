#!/usr/bin/env bash
# realistic_bugs.sh CHANCHECK_REALISTIC: the bug twins of the realistic programs
# (bench/realistic/*: realistic/NAME_bug). Under the default strategy (the
# portfolio) each is found with the verdict it declares, at the line its source
# marks ("<- the bug" or "<- reported in the bug twin"); its replay token replays
# the same violation at the same line, byte for byte twice; and a second run prints
# the same bytes as the first.
set -u
bin=$1
cd "$(dirname "$0")/../.." || exit 1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

names=$("$bin" list | awk '/_bug /{print $1}')
[ "$(wc -w <<<"$names")" -ge 10 ] || fail "fewer than 10 bug twins listed: $names"
for name in $names; do
  base=$dir/$(basename "$name")
  "$bin" run "$name" --expected --no-time --json "$base.json" >"$base.1.txt" 2>&1
  [ $? -eq 0 ] || fail "$name: not found with its declared verdict: $(head -1 "$base.1.txt")"
  "$bin" run "$name" --expected --no-time >"$base.2.txt" 2>&1
  cmp -s "$base.1.txt" "$base.2.txt" || fail "$name: two runs printed different reports"
  read -r verdict file line token < <(python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))["scenarios"][0]; v = s["violations"][0]
print(s["verdict"], v["file"], v["line"], v["token"])' "$base.json")
  sed -n "${line}p" "$file" | grep -q -- "<- " || fail "$name: reported at $file:$line, a line the source does not mark"
  "$bin" replay "$name" "$token" >"$base.r1.txt" 2>&1
  "$bin" replay "$name" "$token" >"$base.r2.txt" 2>&1
  cmp -s "$base.r1.txt" "$base.r2.txt" || fail "$name: two replays of its token differ"
  grep -q "^$verdict: " "$base.r1.txt" || fail "$name: the replay does not show the $verdict"
  grep -qF "$file:$line" "$base.r1.txt" || fail "$name: the replay does not show $file:$line"
  echo "ok $name: $verdict at $file:$line, $(head -1 "$base.1.txt" | sed 's/.*found in //; s/ (.*//')"
done
