#!/usr/bin/env bash
# The HTML page loaded by a real browser, Debian's headless Chromium: its screenshot is
# not blank, and in the DOM it builds each violation's timeline has one lane per task
# of the failing execution in the JSON of the same run, one blocked mark, and the
# replay command on its copy button. The page loads nothing from outside.
. "$(dirname "$0")/consumers.sh"
command -v chromium >/dev/null || fail "chromium is not installed; run bash tools/setup.sh test, which installs it"
"$CLI" run "${scenarios[@]}" --report html:"$out/r.html" --report json:"$out/r.json" >/dev/null || true
browse() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$out")" \
    --window-size=1280,2400 "$@" "file://$out/r.html" 2>>"$out/chromium.log"
}
browse --screenshot="$out/shot.png" >/dev/null || { cat "$out/chromium.log" >&2; fail "chromium could not take a screenshot"; }
browse --dump-dom >"$out/dom.html" || { cat "$out/chromium.log" >&2; fail "chromium could not load the page"; }
python3 - "$out" <<'PY'
import json, struct, sys, zlib, pathlib
from html.parser import HTMLParser
o = pathlib.Path(sys.argv[1])

def png_colours(data):
    """The number of distinct pixels of an 8-bit RGB or RGBA PNG (as Chromium writes them)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw, stride, prev, colours = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set()
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pred = [0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c][f]
            line[i] = (line[i] + pred) & 255
        colours.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp * 7))
        prev = line
    return len(colours)

class timelines(HTMLParser):
    def __init__(self):
        super().__init__()
        self.svgs, self.buttons, self.external = [], [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "svg" and "timeline" in cls:
            self.svgs.append({"lanes": 0, "blocked": 0})
        elif tag == "g" and "lane" in cls:
            self.svgs[-1]["lanes"] += 1
        elif tag == "g" and "blocked" in cls:
            self.svgs[-1]["blocked"] += 1
        elif tag == "button" and "copy" in cls:
            self.buttons.append(a.get("data-copy"))
        if tag in ("link", "img", "iframe") or "src" in a or (a.get("href") or "#").split(":")[0] in ("http", "https"):
            self.external.append((tag, a))

colours = png_colours((o / "shot.png").read_bytes())
assert colours > 8, "the screenshot is blank (%d colours)" % colours
dom = timelines()
dom.feed((o / "dom.html").read_text())
doc = json.loads((o / "r.json").read_text())
violations = [(s, v) for s in doc["scenarios"] for v in s["violations"]]
assert len(dom.svgs) == len(violations) >= 6, (len(dom.svgs), len(violations))
for svg, (s, v) in zip(dom.svgs, violations):
    assert svg["lanes"] == len(s["trace"]["tasks"]) >= len(v["tasks"]), (s["scenario"], svg, len(s["trace"]["tasks"]))
    assert svg["blocked"] == (1 if v["task_id"] >= 0 else 0), (s["scenario"], svg)
assert dom.buttons == ["chancheck replay %s %s" % (s["scenario"], v["token"]) for s, v in violations]
assert not dom.external, dom.external
page = (o / "r.html").read_text()
assert page.count("<tr class=") == len(doc["scenarios"]) and 'class="handoff"' in page
print("html: %d timelines, lanes = tasks, screenshot with %d colours" % (len(dom.svgs), colours))
PY
