#!/usr/bin/env bash
# The SARIF log validated by Microsoft's SARIF multitool (`validate`, the schema and its
# rules): no error. A broken copy must give errors, so the check is live. Then the
# results are compared with the JSON of the same run: one per violation, at its line,
# with the related locations its records name and its replay token.
. "$(dirname "$0")/consumers.sh"
need_npm
tool="$NPM_DIR/node_modules/.bin/sarif-multitool"
"$CLI" run "${scenarios[@]}" --report sarif:"$out/r.sarif" --report json:"$out/r.json" >/dev/null || true
python3 - "$out" <<'PY'
import json, sys, pathlib
o = pathlib.Path(sys.argv[1])
log = json.loads((o / "r.sarif").read_text())
del log["version"]
log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
(o / "broken.sarif").write_text(json.dumps(log))
PY
for f in r broken; do
  "$tool" validate "$out/$f.sarif" --output "$out/$f.validation.sarif" --log ForceOverwrite >"$out/$f.log" 2>&1 || true
  [ -s "$out/$f.validation.sarif" ] || { cat "$out/$f.log" >&2; fail "the SARIF multitool wrote no validation log for $f.sarif"; }
done
cat "$out/r.log"
python3 - "$out" <<'PY'
import json, sys, pathlib
o = pathlib.Path(sys.argv[1])
def errors(name):
    results = json.loads((o / name).read_text())["runs"][0]["results"]
    return [r for r in results if r.get("level", "warning") == "error"]
assert not errors("r.validation.sarif"), errors("r.validation.sarif")
assert len(errors("broken.validation.sarif")) >= 1, "the multitool found nothing wrong in a broken log"
log = json.loads((o / "r.sarif").read_text())
doc = json.loads((o / "r.json").read_text())
assert log["version"] == "2.1.0" and len(log["runs"]) == 1
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert run["tool"]["driver"]["version"] == doc["producer"]["version"]
assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
violations = [(s, v) for s in doc["scenarios"] for v in s["violations"]]
assert len(run["results"]) == len(violations) >= 6, (len(run["results"]), len(violations))
related_texts = []
for res, (s, v) in zip(run["results"], violations):
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert rules[res["ruleIndex"]]["properties"]["violation_kind"] == v["kind"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["region"]["startLine"] == v["line"] > 0 and loc["artifactLocation"]["uri"] == v["file"], res
    assert res["properties"]["token"] == v["token"] and v["token"] in res["message"]["text"]
    rel = {(r["physicalLocation"]["region"]["startLine"], r["message"]["text"]) for r in res.get("relatedLocations", [])}
    related_texts += [t for _, t in rel]
    if v["tasks"] and v["tasks"][0]["parent"] >= 0:  # the spawn site
        assert (v["tasks"][0]["spawned_at"]["line"], "task %d \"%s\" was started here" % (v["tasks"][0]["id"], v["tasks"][0]["name"])) in rel
    if "other_side" in v:  # where the other side left
        assert any(line == v["other_side"]["took_at"]["line"] and "took" in t for line, t in rel), rel
    for w in v["holders"]:  # the lock holder
        assert any(line == w["holder"]["at"]["line"] and "by task %d" % w["holder"]["task_id"] in t for line, t in rel), rel
assert any("locked here by" in t for t in related_texts), "no lock holder among the related locations"
assert any("took" in t for t in related_texts), "no other side among the related locations"
print("sarif: %d results valid, with %d related locations" % (len(run["results"]), len(related_texts)))
PY
