#!/usr/bin/env python3
"""realistic_table.py: the proof table of the realistic programs (bench/realistic/).

Runs every fixed program of build/bench/chancheck_realistic under dpor, whole dpor
(--no-split: one execution per equivalence class, so its count is the number of
classes) and dfs, each in a process of its own with a wall-clock cap, and prints a
Markdown table: executions, whether the search was exhaustive, and seconds.

With --bugs it runs each program's bug twin (realistic/NAME_bug) instead, under dpor
alone, pct alone and the portfolio (the default: dpor with pct samples), and prints
the executions each ran up to and including the first failing one (for the
portfolio, its dpor executions plus its samples); pct and the portfolio over seeds
1 to --seeds, as the median and the largest.

    python3 bench/realistic_table.py BUILD_DIR [--cap SECONDS] [--only GLOB] [--bugs [--seeds K]]

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
    """One search; returns (executions, exhaustive, seconds, verdict, samples)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        cmd = [binary, "run", name, *args, "--budget", f"{cap}s", "--max-executions", "0",
               "--quiet", "--json", out]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if not os.path.exists(out):
            sys.exit(f"realistic_table: {' '.join(cmd)} wrote no result; run it by hand to see why")
        with open(out, encoding="utf-8") as f:
            s = json.load(f)["scenarios"][0]
    return s["executions"], s["exhaustive"], s["seconds"], s["verdict"], s.get("samples", 0)


def cell(executions, exhaustive, seconds, verdict, samples):
    if verdict != "pass":
        return f"{verdict} after {executions:,}"
    if not exhaustive:
        return f"not done in {seconds:.0f} s ({executions:,})"
    return f"{executions:,}, {seconds:.2f} s"


def to_violation(binary, name, strategy, seed, cap):
    """Executions run up to the first violation (the portfolio's samples included), or None."""
    executions, _, _, verdict, samples = run_one(binary, name, ["--strategy", strategy, "--seed", str(seed)], cap)
    return executions + samples if verdict not in ("pass", "error") else None


def spread(counts):
    """"median (largest)" over seeds; "not found" when a seed found nothing in the cap."""
    if any(c is None for c in counts):
        return f"not found in the cap ({sum(c is None for c in counts)} of {len(counts)} seeds)"
    ordered = sorted(counts)
    return f"{ordered[len(ordered) // 2]:,} ({ordered[-1]:,})"


def bug_table(binary, names, cap, seeds):
    print("| bug twin | dpor | pct: median (largest) | portfolio: median (largest) |")
    print("| --- | --- | --- | --- |")
    for name in names:
        dpor = to_violation(binary, name, "dpor", 1, cap)
        cells = [f"{dpor:,}" if dpor is not None else f"not found in {cap:.0f} s"]
        for strategy in ("pct", "portfolio"):
            cells.append(spread([to_violation(binary, name, strategy, seed, cap) for seed in range(1, seeds + 1)]))
        print(f"| `{name}` | " + " | ".join(cells) + " |", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build")
    p.add_argument("--cap", type=float, default=20.0, help="seconds per search (default 20)")
    p.add_argument("--only", default="*", help="scenarios to run (a glob)")
    p.add_argument("--bugs", action="store_true", help="the bug twins: executions to the first violation")
    p.add_argument("--seeds", type=int, default=5, help="with --bugs: seeds for pct and the portfolio (default 5)")
    a = p.parse_args()
    binary = os.path.join(a.build, "bench", "chancheck_realistic")
    if not os.access(binary, os.X_OK):
        sys.exit(f"realistic_table: no {binary}; build it: cmake --build {a.build} --target chancheck_realistic")
    listing = subprocess.run([binary, "list", "--format", "json"], capture_output=True, text=True, check=True)
    names = [s["name"] for s in json.loads(listing.stdout)
             if fnmatch.fnmatch(s["name"], a.only) and s["name"].endswith("_bug") == a.bugs]
    if a.bugs:
        bug_table(binary, names, a.cap, a.seeds)
        return
    print("| program | " + " | ".join(c for c, _ in CONFIGS) + " |")
    print("| --- |" + " --- |" * len(CONFIGS))
    for name in names:
        cells = [cell(*run_one(binary, name, args, a.cap)) for _, args in CONFIGS]
        print(f"| `{name}` | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
