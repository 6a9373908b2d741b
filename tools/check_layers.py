#!/usr/bin/env python3
"""check_layers.py: fails when a source file includes a layer above its own.

The layers point one way: model <- harness <- properties <- reports <- check <- tools, and the
public headers under include/chancheck/ may use every layer but tools. A file in a layer
may include its own layer and the layers below it, nothing above, and always through the
one prefix (<chancheck/model/op.hpp>). reports/ reads only plain records (PLAIN below),
and a plain record includes only plain records: no engine, no Boost.Context. Tests,
examples and benchmarks sit outside the layers and may include any of them.

Usage: python3 tools/check_layers.py [ROOT]   check the tree at ROOT (default: the repo)
       python3 tools/check_layers.py --self-test   check that an upward include is caught
"""
import os
import pathlib
import re
import sys
import tempfile

ORDER = ["model", "harness", "properties", "reports", "check", "tools"]
# The public surface: a layer of its own that may use everything below tools.
PUBLIC = ("include/chancheck", len(ORDER) - 1)
# Every layer is included through the one public prefix: <chancheck/model/op.hpp>.
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](chancheck/)?([a-z_]+)/[^">]+[">]')
SOURCES = (".hpp", ".cpp", ".h", ".cc")
# Plain records: what reports/ may read of the layers below it. A plain-record header
# includes only other plain records (and the standard library), never the engine.
# properties/naming.hpp and properties/wording.hpp are pure functions of plain records:
# the words that properties and reports share.
PLAIN = ("model/op.hpp", "harness/record/", "properties/violation.hpp", "properties/record/", "properties/scenario.hpp",
         "properties/scenario_outcome.hpp", "properties/naming.hpp", "properties/wording.hpp")
ANY_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')


def is_plain(rel):
    """True for a repo-relative path (or include path below chancheck/) that is a plain record."""
    return any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in PLAIN)


def plain_violation(rel, included):
    """A message when `rel` (in reports/ or a plain record) includes something not plain."""
    reads_plain_only = rel.startswith("reports/") or is_plain(rel)
    if not reads_plain_only:
        return None
    if included.startswith("boost/"):
        return f"{rel} includes {included}: reports and plain records never see the fiber engine"
    if not included.startswith("chancheck/"):
        return None
    inner = included[len("chancheck/"):]
    if inner.startswith("reports/") or "/" not in inner or is_plain(inner):
        return None
    return (f"{rel} includes {inner}, which is not a plain record; reports read only "
            f"{', '.join(PLAIN)} (add the data to a plain record instead)")


def layer_of(rel):
    """Returns (name, rank) of the layer a repo-relative path belongs to, or None."""
    if rel.startswith(PUBLIC[0] + "/"):
        return "include/chancheck", PUBLIC[1]
    top = rel.split("/", 1)[0]
    if top in ORDER:
        return top, ORDER.index(top)
    return None


def source_files(root):
    """Yields the C++ files under root, not following links (include/chancheck/ links
    back to the layers) and skipping build trees."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(s for s in subfolders if not s.startswith(("build", ".")))
        for name in files:
            path = pathlib.Path(folder) / name
            if path.suffix in SOURCES and not path.is_symlink():
                yield path


def violations(root):
    """Yields one message per upward include under root."""
    root = pathlib.Path(root)
    for path in sorted(source_files(root)):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("build"):
            continue
        own = layer_of(rel)
        if own is None:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            any_match = ANY_INCLUDE.match(line)
            if any_match:
                message = plain_violation(rel, any_match.group(1))
                if message:
                    yield f"{rel}:{number}: {message}"
                    continue
            match = INCLUDE.match(line)
            if not match or match.group(2) not in ORDER:
                continue
            target = match.group(2)
            if not match.group(1) and target != "tools":
                yield (f"{rel}:{number}: includes {target}/ without the chancheck/ prefix; write "
                       f"<chancheck/{target}/...> so an installed header never finds a user's "
                       f"own {target}/ folder")
                continue
            if ORDER.index(target) > own[1]:
                yield (f"{rel}:{number}: {own[0]} includes {target}/, a layer above it "
                       f"(layers: {' <- '.join(ORDER)}); move the shared part down or pass "
                       f"plain records up")


def self_test():
    """Plants an upward include in a scratch tree and checks that it is reported."""
    with tempfile.TemporaryDirectory() as scratch:
        root = pathlib.Path(scratch)
        (root / "model").mkdir()
        (root / "harness").mkdir()
        (root / "harness" / "a.hpp").write_text('#include <chancheck/model/b.hpp>\n')
        (root / "model" / "b.hpp").write_text("// fine\n")
        if list(violations(root)):
            print("check_layers self-test: a downward include was reported", file=sys.stderr)
            return 1
        (root / "model" / "c.cpp").write_text('#include <chancheck/harness/a.hpp>\n')
        found = list(violations(root))
        if len(found) != 1 or not found[0].startswith("model/c.cpp:1: model includes harness/"):
            print(f"check_layers self-test: expected one upward include, got {found}", file=sys.stderr)
            return 1
        (root / "model" / "c.cpp").write_text('#include "model/b.hpp"\n')
        found = list(violations(root))
        if len(found) != 1 or "without the chancheck/ prefix" not in found[0]:
            print(f"check_layers self-test: expected one unprefixed include, got {found}", file=sys.stderr)
            return 1
        (root / "model" / "c.cpp").write_text("// fine\n")
        (root / "reports").mkdir()
        (root / "reports" / "r.cpp").write_text('#include <chancheck/harness/engine/execution.hpp>\n')
        found = list(violations(root))
        if len(found) != 1 or "not a plain record" not in found[0]:
            print(f"check_layers self-test: expected a report reading the engine, got {found}", file=sys.stderr)
            return 1
        (root / "properties").mkdir()
        (root / "properties" / "p.cpp").write_text('#include <chancheck/check/environment.hpp>\n')
        found = [f for f in violations(root) if f.startswith("properties/")]
        if len(found) != 1 or "properties includes check/" not in found[0]:
            print(f"check_layers self-test: expected properties reading check/ to be caught, got {found}",
                  file=sys.stderr)
            return 1
    print("check_layers self-test: ok")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = argv[1] if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    found = list(violations(root))
    for message in found:
        print(message, file=sys.stderr)
    if found:
        print(f"check_layers: {len(found)} upward include(s)", file=sys.stderr)
        return 1
    print("check_layers: every include points down")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
