#!/usr/bin/env bash
# JUnit reports of two runs, merged by junit-report-merger (jrm) as CI merges shard
# files, then read with xml.etree the way CI services read them: counts, failures, text.
. "$(dirname "$0")/consumers.sh"
need_npm
"$CLI" run 'seed/*' --report junit:"$out/a.xml" --report json:"$out/a.json" >/dev/null || true
"$CLI" run "${scenarios[@]:1}" --report junit:"$out/b.xml" --report json:"$out/b.json" >/dev/null || true
"$NPM_DIR/node_modules/.bin/jrm" "$out/merged.xml" "$out/a.xml" "$out/b.xml" || fail "jrm could not merge the JUnit files"
python3 - "$out" <<'PY'
import json, sys, xml.etree.ElementTree as ET, pathlib
o = pathlib.Path(sys.argv[1])
scenarios = json.loads((o / "a.json").read_text())["scenarios"] + json.loads((o / "b.json").read_text())["scenarios"]
for f in ("a.xml", "b.xml"):  # each file alone: one testsuite, counts that agree with its testcases
    suite = ET.parse(o / f).getroot().find("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases), f
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases), f
root = ET.parse(o / "merged.xml").getroot()
assert root.tag == "testsuites", root.tag
cases = root.findall(".//testcase")
assert len(cases) == len(scenarios), (len(cases), len(scenarios))
failed = [c for c in cases if c.find("failure") is not None]
assert int(root.get("tests")) == len(cases) and int(root.get("failures")) == len(failed), root.attrib
by_name = {c.get("classname") + "/" + c.get("name"): c for c in cases}
for s in scenarios:
    case = by_name[s["scenario"]]
    failure = case.find("failure")
    bad = s["verdict"] != "pass" or s["verdict"] != s["expected"]
    assert (failure is not None) == bad, s["scenario"]
    for v in s["violations"]:
        assert failure.get("type") == s["verdict"], s["scenario"]
        assert "chancheck replay %s %s" % (s["scenario"], v["token"]) in failure.text, s["scenario"]
        assert v["message"] in failure.text and "%s:%d" % (v["file"], v["line"]) in failure.text, s["scenario"]
assert any(s["violations"] for s in scenarios) and len(failed) >= 3
print("junit: %d testcases merged, %d failures" % (len(cases), len(failed)))
PY
