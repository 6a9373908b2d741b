#!/usr/bin/env bash
# Every JSON output validated against docs/schema/chancheck-result.schema.json by ajv
# (npm ajv-cli, draft 2020-12, strict mode): the whole catalog through --json and
# --report json (the same bytes), and a replay. A document without its producer must
# fail, so the check is live.
. "$(dirname "$0")/consumers.sh"
need_npm
schema="$here/../../docs/schema/chancheck-result.schema.json"
ajv() { "$NPM_DIR/node_modules/.bin/ajv" validate --spec=draft2020 --strict=true -s "$schema" -d "$1"; }
"$CLI" run --expected --json "$out/all.json" --report json:"$out/report.json" >/dev/null || fail "the catalog run failed"
cmp "$out/all.json" "$out/report.json" || fail "--json and --report json wrote different documents"
"$CLI" run seed/forgotten_sender --json "$out/run.json" >/dev/null || true
token=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['scenarios'][0]['violations'][0]['token'])" "$out/run.json")
"$CLI" replay seed/forgotten_sender "$token" --json "$out/replay.json" >/dev/null || true
for f in all run replay; do ajv "$out/$f.json" || fail "$f.json does not follow the schema"; done
python3 - "$out" <<'PY'
import json, sys, pathlib
o = pathlib.Path(sys.argv[1])
doc = json.loads((o / "all.json").read_text())
assert all("expected" in s for s in doc["scenarios"]) and any("trace" in s for s in doc["scenarios"])
del doc["producer"]
(o / "broken.json").write_text(json.dumps(doc))
PY
if ajv "$out/broken.json" >/dev/null 2>&1; then fail "the schema accepts a document without its producer"; fi
echo "json: every output follows the schema"
