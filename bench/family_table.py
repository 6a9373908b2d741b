#!/usr/bin/env python3
"""family_table.py: measures the family "N independent process() calls" and
prints Markdown tables (docs/exploration.md shows them and reads them).

Usage: python3 bench/family_table.py BUILD_DIR [--cap SECONDS] [--total SECONDS]

BUILD_DIR is a configured and built build directory: the script builds nothing.
Build the two programs first:
    cmake --build BUILD_DIR --target chancheck_family relacy_family

Every configuration runs in its own process (chancheck_family or relacy_family
with --config), so each peak-memory figure (getrusage, printed by the program
itself) belongs to that configuration alone. Each configuration gets a
wall-clock cap (--cap, 10 s by default); a row of the table stops at the first
configuration that hits the cap, except that dpor still runs N = 8 and N = 12,
the two target points. --total bounds the whole run (270 s by default): once it
is spent the remaining configurations are skipped and marked so.
"""

import argparse
import os
import subprocess
import sys
import time

MAX_N = 12
RELACY_MAX_N = 4
DPOR_TARGETS = (8, 12)  # dpor runs these even after its row hit the cap
CLASS_MAX_N = 4  # the class count (bench/class_count.hpp) is taken up to this N (N = 5 takes ~30 s)


def fail(message):
    sys.stderr.write("family_table.py: " + message + "\n")
    sys.exit(2)


class runner:
    """Runs configurations, one process each, within the overall bound."""

    def __init__(self, build, cap, total):
        self.family = os.path.join(build, "bench", "chancheck_family")
        self.relacy = os.path.join(build, "bench", "relacy_family")
        for p in (self.family, self.relacy):
            if not os.access(p, os.X_OK):
                fail("%s is missing: build it first with\n    cmake --build %s --target chancheck_family relacy_family"
                     % (p, build))
        self.cap = cap
        self.deadline = time.monotonic() + total

    def left(self):
        return self.deadline - time.monotonic()

    def run(self, argv):
        """Runs one configuration; returns its key=value line as a dict, or
        None when the overall bound leaves no room for it."""
        if self.left() < 1:
            return None
        cap = min(self.cap, max(1.0, self.left()))
        argv = [str(a) for a in argv]
        # The programs stop themselves at the cap; the timeout is a backstop.
        argv = [a if a != "{cap}" else "%g" % cap for a in argv]
        sys.stderr.write("  " + " ".join(os.path.basename(argv[0]) if i == 0 else a for i, a in enumerate(argv)) + "\n")
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=cap + 30)
        except subprocess.TimeoutExpired:
            return {"error": "did not stop at its cap"}
        line = next((l for l in reversed(done.stdout.splitlines()) if "=" in l), "")
        if done.returncode != 0 or not line:
            return {"error": (done.stderr.strip() or "exit %d" % done.returncode).splitlines()[-1]}
        out = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
        # Stopped by the cap: chancheck says which bound stopped it (a whole
        # exploration in --classes mode says whether it was exhaustive), Relacy
        # whether it finished.
        if "finished" in out:  # Relacy (its "bound" is the context bound)
            out["capped"] = out["finished"] != "1"
        elif "bound" in out:
            out["capped"] = out["bound"] == "budget"
        else:
            out["capped"] = out.get("exhaustive") != "1"
        return out

    def explore(self, strategy, n, capacity, *extra):
        return self.run([self.family, "--config", strategy, n, capacity, "{cap}", *extra])

    def relacy_run(self, scheduler, bound, n):
        return self.run([self.relacy, "--config", scheduler, bound, n, "{cap}"])


def row(r, run_one, ns, keep_going=()):
    """Runs run_one(n) for n in ns; after the first capped run only the n in
    keep_going. Returns {n: result}; a skipped n maps to None or a note."""
    out = {}
    capped = False
    for n in ns:
        if capped and n not in keep_going:
            out[n] = "stopped"
            continue
        res = run_one(n)
        out[n] = res if res is not None else "bound"
        if isinstance(res, dict) and res.get("capped"):
            capped = True
    return out


# Formatting ---------------------------------------------------------------

def is_result(x):
    return isinstance(x, dict) and "error" not in x


def missing(x):
    if x == "stopped":
        return "-"
    if x == "bound":
        return "skipped"
    if isinstance(x, dict) and "error" in x:
        return "error: " + x["error"]
    return "-"


def count(x, key="executions"):
    if not is_result(x):
        return missing(x)
    s = "{:,}".format(int(x[key]))
    return ">= " + s if x["capped"] else s


def secs(x):
    if not is_result(x):
        return missing(x)
    t = float(x["seconds"])
    s = "%.3g s" % t if t >= 1 else "%.3g ms" % (t * 1000)
    return "> " + s + " (cap)" if x["capped"] else s


def mem(x):
    if not is_result(x):
        return missing(x)
    peak = int(x["max_rss_kb"])
    start = int(x.get("rss_start_kb", peak))
    return "{:,} (+{:,})".format(peak, peak - start)


def ratio(a, b, key_a, key_b):
    """a / b on the given keys; a lower bound (>=) when a was capped, an upper
    bound when b was."""
    if not (is_result(a) and is_result(b)):
        return "-"
    x, y = float(a[key_a]), float(b[key_b])
    if y <= 0:
        return "-"
    v = x / y
    s = "%.3g" % v
    if a["capped"] and b["capped"]:
        return "? (both capped)"
    if a["capped"]:
        return ">= " + s
    if b["capped"]:
        return "<= " + s
    return s


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


# The run --------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", help="the build directory (chancheck_family and relacy_family built in it)")
    ap.add_argument("--cap", type=float, default=10.0, help="wall-clock cap per configuration, seconds (10)")
    ap.add_argument("--total", type=float, default=270.0, help="bound on the whole run, seconds (270)")
    args = ap.parse_args()
    if args.cap <= 0 or args.total <= 0:
        fail("--cap and --total must be positive")
    r = runner(args.build, args.cap, args.total)
    ns = range(1, MAX_N + 1)
    started = time.monotonic()

    sys.stderr.write("fixed family (capacity 1), dpor and dfs\n")
    fixed_dpor = row(r, lambda n: r.explore("dpor", n, 1), ns, DPOR_TARGETS)
    fixed_whole = row(r, lambda n: r.explore("dpor", n, 1, "--no-split"), ns, DPOR_TARGETS)
    fixed_dfs = row(r, lambda n: r.explore("dfs", n, 1), ns)
    sys.stderr.write("fixed family: equivalence classes under dpor\n")
    classes = row(r, lambda n: r.explore("dpor", n, 1, "--classes"), range(1, CLASS_MAX_N + 1))
    sys.stderr.write("fixed family under Relacy\n")
    relacy_scheds = [("full", 0), ("bound", 1), ("bound", 2), ("bound", 3)]
    relacy = {}
    for sched, bound in relacy_scheds:
        relacy[(sched, bound)] = row(r, lambda n: r.relacy_run(sched, bound, n), range(1, RELACY_MAX_N + 1))
    sys.stderr.write("buggy family (capacity 0): time to the first violation\n")
    first_strats = ["random", "pct", "dpor", "dfs"]
    first = {s: row(r, lambda n: r.explore(s, n, 0, "--until-violation"), ns) for s in first_strats}
    sys.stderr.write("buggy family (capacity 0), whole space, dpor and dfs\n")
    buggy_dpor = row(r, lambda n: r.explore("dpor", n, 0), ns, DPOR_TARGETS)
    buggy_dfs = row(r, lambda n: r.explore("dfs", n, 0), ns)
    elapsed = time.monotonic() - started

    out = []
    out.append("Cap %g s per configuration; whole run %.0f s. Times are wall-clock; memory is the peak "
               "resident set of the configuration's own process in KiB (+ growth over the program's "
               "start). \">=\" marks a count stopped by the cap; \"-\": not run, the row already hit "
               "the cap.\n" % (args.cap, elapsed))

    def family_rows(dpor, dfs):
        rows = []
        for n in ns:
            d, f = dpor[n], dfs[n]
            c = classes.get(n, "stopped")
            w = fixed_whole[n]
            rows.append([n, count(d), secs(d), mem(d), count(w), count(w, "pruned"), count(c, "classes"),
                         secs(w), mem(w), count(f), secs(f), mem(f),
                         ratio(f, d, "executions", "executions"), ratio(f, d, "seconds", "seconds")])
        return rows

    head = ["N", "dpor executions", "dpor time", "dpor memory", "whole dpor executions", "whole dpor pruned",
            "classes", "whole dpor time", "whole dpor memory",
            "dfs executions", "dfs time", "dfs memory", "dfs/dpor executions", "dfs/dpor time"]
    out.append("### Fixed family (capacity 1): the whole space, nothing fails\n")
    out.append(table(head, family_rows(fixed_dpor, fixed_dfs)))
    out.append("\n\"dpor\": the default, which explores the independent calls one after another; \"whole "
               "dpor\" (--no-split): every combination of them. \"classes\": distinct equivalence classes "
               "among whole dpor's executions, timers being processes of their own as for dpor "
               "(bench/class_count.hpp). Counted up to N = %d.\n" % CLASS_MAX_N)

    out.append("### Fixed family under Relacy (the same calls against rl::mutex and rl::condition_variable)\n")
    rows = []
    for n in range(1, RELACY_MAX_N + 1):
        d = fixed_dpor[n]
        for sched, bound in relacy_scheds:
            x = relacy[(sched, bound)][n]
            name = "full search" if sched == "full" else "context bound %d" % bound
            rows.append([n, name, count(x, "iterations"), secs(x), mem(x),
                         ratio(x, d, "iterations", "executions"), ratio(x, d, "seconds", "seconds")])
    out.append(table(["N", "Relacy scheduler", "iterations", "time", "memory",
                      "Relacy iterations / dpor executions", "Relacy time / dpor time"], rows))
    out.append("")

    out.append("### Buggy family (capacity 0): time to the first violation (a leaked search task)\n")
    rows = []
    for n in ns:
        cells = [n]
        for s in first_strats:
            x = first[s][n]
            cells += [count(x), secs(x)]
        rows.append(cells)
    hdr = ["N"]
    for s in first_strats:
        label = {"random": "random (seed 1)", "pct": "pct (depth 3, seed 1)"}.get(s, s)
        hdr += [label + " executions", label + " time"]
    out.append(table(hdr, rows))
    out.append("")

    out.append("### Buggy family (capacity 0): the whole space, nothing stops the search\n")
    rows = []
    for n in ns:
        d, f = buggy_dpor[n], buggy_dfs[n]
        rows.append([n, count(d), count(d, "violating"), secs(d), mem(d), count(f), count(f, "violating"),
                     secs(f), mem(f), ratio(f, d, "executions", "executions"), ratio(f, d, "seconds", "seconds")])
    out.append(table(["N", "dpor executions", "dpor violating", "dpor time", "dpor memory", "dfs executions",
                      "dfs violating", "dfs time", "dfs memory", "dfs/dpor executions", "dfs/dpor time"], rows))
    print("\n".join(out))


if __name__ == "__main__":
    main()
