#!/usr/bin/env python3
"""realistic_table.py: the proof table of the realistic programs (bench/realistic/).

Runs every scenario of build/bench/chancheck_realistic under dpor (the default),
whole dpor (--no-split: one execution per equivalence class, so its count is the
number of classes) and dfs, each in a process of its own with a wall-clock cap,
and prints a Markdown table: executions, whether the search was exhaustive, and
seconds.

    python3 bench/realistic_table.py BUILD_DIR [--cap SECONDS] [--only GLOB]

After: cmake --build BUILD_DIR --target chancheck_realistic
"""
import argparse
import fnmatch
import json
import os
import subprocess
import sys
import tempfile

CONFIGS = [("dpor", ["--strategy", "dpor"]),
           ("whole dpor = classes", ["--strategy", "dpor", "--no-split"]),
           ("dfs", ["--strategy", "dfs"])]


def run_one(binary, name, args, cap):
    """One search; returns (executions, exhaustive, seconds, verdict)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        cmd = [binary, "run", name, *args, "--budget", f"{cap}s", "--max-executions", "0",
               "--quiet", "--json", out]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if not os.path.exists(out):
            sys.exit(f"realistic_table: {' '.join(cmd)} wrote no result; run it by hand to see why")
        with open(out, encoding="utf-8") as f:
            s = json.load(f)["scenarios"][0]
    return s["executions"], s["exhaustive"], s["seconds"], s["verdict"]


def cell(executions, exhaustive, seconds, verdict):
    if verdict != "pass":
        return f"{verdict} after {executions:,}"
    if not exhaustive:
        return f"not done in {seconds:.0f} s ({executions:,})"
    return f"{executions:,}, {seconds:.2f} s"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build")
    p.add_argument("--cap", type=float, default=20.0, help="seconds per search (default 20)")
    p.add_argument("--only", default="*", help="scenarios to run (a glob)")
    a = p.parse_args()
    binary = os.path.join(a.build, "bench", "chancheck_realistic")
    if not os.access(binary, os.X_OK):
        sys.exit(f"realistic_table: no {binary}; build it: cmake --build {a.build} --target chancheck_realistic")
    listing = subprocess.run([binary, "list", "--format", "json"], capture_output=True, text=True, check=True)
    names = [s["name"] for s in json.loads(listing.stdout) if fnmatch.fnmatch(s["name"], a.only)]
    print("| program | " + " | ".join(c for c, _ in CONFIGS) + " |")
    print("| --- |" + " --- |" * len(CONFIGS))
    for name in names:
        cells = [cell(*run_one(binary, name, args, a.cap)) for _, args in CONFIGS]
        print(f"| `{name}` | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
