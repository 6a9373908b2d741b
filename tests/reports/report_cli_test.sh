#!/usr/bin/env bash
# `run --report`: a bad KIND:FILE exits 2 with a message naming it, before any scenario
# runs; the same run twice writes the same reports (SARIF byte for byte; JUnit, HTML and
# JSON once their wall-clock times are taken out).
. "$(dirname "$0")/consumers.sh"
bad() {  # bad EXPECTED-WORDS ARGS...: exit 2, nothing run, the words in the message
  local words=$1
  shift
  set +e
  "$CLI" run seed/forgotten_sender "$@" >"$out/stdout" 2>"$out/stderr"
  local code=$?
  set -e
  [ "$code" = 2 ] || fail "run $* exited $code, not 2"
  [ ! -s "$out/stdout" ] || fail "run $* ran a scenario before it refused the option"
  grep -qF -- "$words" "$out/stderr" || fail "run $*: the message does not say \"$words\": $(cat "$out/stderr")"
}
mkdir "$out/folder"
bad "KIND:FILE with KIND one of junit, sarif, html, json" --report xml:"$out/r.xml"
bad "KIND:FILE" --report "$out/r.xml"
bad "needs a file name" --report junit:
bad "does not exist" --report junit:"$out/missing/r.xml"
bad "is a folder" --report html:"$out/folder"
bad "twice" --report junit:"$out/r.xml" --report sarif:"$out/r.xml"
bad "the --json file too" --json "$out/r.json" --report json:"$out/r.json"
[ -z "$(ls "$out" | grep -v -e folder -e stdout -e stderr)" ] || fail "a refused run left files: $(ls "$out")"

for i in 1 2; do
  "$CLI" run "${scenarios[@]}" --report junit:"$out/$i.xml" --report sarif:"$out/$i.sarif" \
    --report html:"$out/$i.html" --report json:"$out/$i.json" >/dev/null || true
  sed -i -E 's/time="[0-9.]+"/time="T"/g' "$out/$i.xml"
  sed -i -E 's#<td>[0-9.]+s</td>#<td>T</td>#g' "$out/$i.html"
  sed -i -E 's/"seconds": [0-9.e+-]+/"seconds": 0/' "$out/$i.json"
done
for f in sarif xml html json; do cmp "$out/1.$f" "$out/2.$f" || fail "two identical runs wrote different $f reports"; done
grep -q '<failure' "$out/1.xml" && grep -q '<svg' "$out/1.html" || fail "the reports hold no failure or no timeline"
echo "report cli: bad --report values refused with exit 2; reports deterministic"
