#!/usr/bin/env python3
"""Renders a JMH JSON result of the querycache suite as a Markdown table and an SVG chart.

Usage: benchmarks/report.py benchmarks/results/jmh-YYYY-MM-DD.json
Writes benchmarks/results/RESULTS.md and benchmarks/results/ratios.svg next to it.
Every figure is a ratio of two scores measured in the same run.
"""
import json
import math
import os
import platform
import subprocess
import sys

# benchmark class, params -> (how the ratio is taken, target, comparison, description)
#   'time': querycache time / baseline time     'speedup': baseline time / querycache time
#   'throughput': querycache ops / baseline ops 'scaling': score(100000) / score(100)
TARGETS = {
    ("ProxyTax", ""): ("time", 1.03, "<=", "unhinted PreparedStatement vs raw H2"),
    ("HitVsH2", "rows=1"): ("speedup", 10, ">=", "hit vs raw H2, 1 row"),
    ("HitVsH2", "rows=100"): ("speedup", None, ">=", "hit vs raw H2, 100 rows"),
    ("HitVsH2", "rows=1000"): ("speedup", 5, ">=", "hit vs raw H2, 1,000 rows"),
    ("HitVsPostgres", ""): ("speedup", 100, ">=", "hit vs pgjdbc on loopback, 1 row"),
    # The floor does exactly the hit's reads into the same Blackhole; monomorphic: only our ResultSet reaches the
    # reading call site; megamorphic: five ResultSet classes have (the floor reads through a minimal cursor there).
    ("HitVsFloor", "rows=1"): ("time", 1.5, "<=", "hit vs Caffeine + List<Object[]>, 1 row, monomorphic site"),
    ("HitVsFloor", "rows=100"): ("time", 1.3, "<=", "hit vs Caffeine + List<Object[]>, 100 rows, monomorphic site"),
    ("HitVsFloor", "rows=1000"): ("time", None, "<=", "hit vs Caffeine + List<Object[]>, 1,000 rows, monomorphic site"),
    ("HitVsFloorMegamorphic", "rows=1"): ("time", 1.5, "<=", "hit vs the floor, 1 row, megamorphic ResultSet site"),
    ("HitVsFloorMegamorphic", "rows=100"): ("time", 1.3, "<=", "hit vs the floor, 100 rows, megamorphic ResultSet site"),
    ("HitVsFloor.slidingTtl", "rows=1"): ("time", 1.5, "<=", "hit of a hint with a sliding TTL vs the floor, 1 row"),
    ("HitVsFloor.slidingTtl", "rows=100"): ("time", 1.3, "<=", "hit of a hint with a sliding TTL vs the floor, 100 rows"),
    # Not a claim: the most any cache could gain over raw H2 at 1,000 rows, the floor's reads vs H2's.
    ("Bound", "rows=1000"): ("bound", None, ">=", "raw H2 vs the floor (best possible HitVsH2 speedup), 1,000 rows"),
    ("MissCost", ""): ("time", 2, "<=", "miss (query, capture, store) vs raw H2 in memory, 100 rows"),
    ("MissCostPostgres", ""): ("time", 1.3, "<=", "the same on PostgreSQL on loopback"),
    ("RepopulateAfterWrite", ""): ("time", 1.2, "<=", "write, re-populate and hit on PostgreSQL vs an application cache"),
    ("Classify", ""): ("speedup", 500, ">=", "memoized analysis vs JSqlParser parse"),
    ("InvalidateScaling", ""): ("scaling", 2, "<=", "invalidate(key): 100,000 vs 100 entries"),
    ("HitScaling", ""): ("throughput", 1.7, ">=", "hit throughput, 2 threads vs 1"),
    ("FloorScaling", ""): ("floorscaling", None, ">=", "the floor's reads, 2 threads vs 1 (how far this machine scales)"),
    ("WriteTax", ""): ("time", 1.10, "<=", "autocommit tagged UPDATE vs raw H2"),
    ("PageWorkload", ""): ("throughput", 4, ">=", "catalogue pages/s on PostgreSQL via HikariCP"),
    # (Redis bus commit - no-bus commit) / Redis PING: the round trips publishing adds to a PostgreSQL commit.
    ("BusPublishCost", ""): ("roundtrips", 1, "<=", "time a Redis bus adds to a PostgreSQL autocommit UPDATE, in Redis PINGs"),
    ("BusApplyRate", ""): ("throughput", None, ">=", "bus messages applied/s vs a bare Jedis subscriber"),
    ("HitUnderFeed", ""): ("time", None, "<=", "1-row PostgreSQL hit, change feed + writer on another table vs neither"),
}


def kind_of(cls):
    """How the ratio of a row of the table is taken (by its class, or class.method)."""
    for (c, _), (kind, *_rest) in TARGETS.items():
        if c == cls:
            return kind
    return None


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    except (OSError, IndexError):
        java = "java: unknown"
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}, {java}"


def main(path):
    with open(path) as f:
        runs = json.load(f)
    scores = {}
    for run in runs:
        cls, method = run["benchmark"].split(".")[-2:]
        params = ",".join(f"{k}={v}" for k, v in sorted(run.get("params", {}).items()))
        metric = run["primaryMetric"]
        raw = [v for fork in metric.get("rawData", []) for v in fork]
        secondary = run.get("secondaryMetrics", {})
        alloc = secondary.get("gc.alloc.rate.norm", secondary.get("\u00b7gc.alloc.rate.norm", {})).get("score")
        scores[(cls, params, method)] = (float(metric["score"]), float(metric["scoreError"]), metric["scoreUnit"],
                                         min(raw) if raw else float("nan"), alloc)

    rows = []
    for (cls, params), (kind, target, op, what) in TARGETS.items():
        if kind == "scaling":
            small = scores.get((cls, "entries=100", "querycache"))
            large = scores.get((cls, "entries=100000", "querycache"))
            if not small or not large:
                continue
            qc, base, ratio = large, small, large[0] / small[0]
        elif kind == "floorscaling":
            qc = scores.get(("HitScaling", "", "floorTwoThreads"))
            base = scores.get(("HitScaling", "", "floorOneThread"))
            if not qc or not base:
                continue
            ratio = qc[0] / base[0]
        elif kind == "bound":
            qc = scores.get(("HitVsFloor", params, "baseline"))
            base = scores.get(("HitVsH2", params, "baseline"))
            if not qc or not base:
                continue
            ratio = base[0] / qc[0]
        elif kind == "roundtrips":
            qc = scores.get((cls, params, "querycache"))
            base = scores.get((cls, params, "baseline"))
            ping = scores.get((cls, params, "redisPing"))
            if not qc or not base or not ping:
                continue
            ratio = (qc[0] - base[0]) / ping[0]
        else:
            cls, _, method = cls.partition(".")
            qc = scores.get((cls, params, method or "querycache"))
            base = scores.get((cls, params, "baseline"))
            if not qc or not base:
                continue
            ratio = {"time": qc[0] / base[0], "speedup": base[0] / qc[0],
                     "throughput": qc[0] / base[0]}[kind]
            if method:
                cls = cls + "." + method
        met = None if target is None else (ratio <= target if op == "<=" else ratio >= target)
        rows.append((cls, params, what, qc, base, ratio, op, target, met))

    out_dir = os.path.dirname(path) or "."
    md = [f"# querycache benchmark results", "",
          f"Source: `{os.path.basename(path)}`. Machine: {machine()}.", "",
          "Each ratio compares two scores of the same JMH run (2 forks, 3 warm-up and 5 measured 1 s iterations,"
          " fixed 2 GiB heap). Absolute times are printed for reference only; the machine is shared and noisy.", "",
          "'fastest' is the same ratio taken between the two fastest iterations, which other processes on the"
          " machine disturb least; 'B/op' is allocation per operation (JMH -prof gc), querycache / baseline.", "",
          "| benchmark | querycache | baseline | ratio | fastest | B/op | target | met |",
          "|---|---|---|---|---|---|---|---|"]
    for cls, params, what, qc, base, ratio, op, target, met in rows:
        fmt = lambda s: f"{s[0]:,.1f} ± {s[1]:,.1f} {s[2]}" if not math.isnan(s[1]) else f"{s[0]:,.1f} {s[2]}"
        tgt = "-" if target is None else f"{op} {target}"
        ok = "-" if met is None else ("yes" if met else "**no**")
        fastest = "-"
        if len(qc) > 3 and len(base) > 3 and not math.isnan(qc[3]) and not math.isnan(base[3]) and kind_of(cls) == "time":
            fastest = f"{qc[3] / base[3]:,.2f}"
        alloc = "-"
        if len(qc) > 4 and len(base) > 4 and qc[4] is not None and base[4] is not None:
            alloc = f"{qc[4]:,.0f} / {base[4]:,.0f}"
        md.append(f"| {cls}{' (' + params + ')' if params else ''}: {what} | {fmt(qc)} | {fmt(base)} | {ratio:,.2f} | {fastest} | {alloc} | {tgt} | {ok} |")
    with open(os.path.join(out_dir, "RESULTS.md"), "w") as f:
        f.write("\n".join(md) + "\n")

    # Chart: how far each ratio is from its target, on a log scale; 1 = exactly on target, right of it = met.
    charted = [r for r in rows if r[7] is not None]
    width, bar_h, left = 900, 26, 380
    height = 60 + bar_h * len(charted)
    lo, hi = math.log2(1 / 16), math.log2(16)
    x = lambda v: left + (math.log2(min(max(v, 1 / 16), 16)) - lo) / (hi - lo) * (width - left - 20)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<text x="10" y="20" font-size="14">querycache: measured ratio / target (log scale; right of the line = target met)</text>']
    for i, (cls, params, what, qc, base, ratio, op, target, met) in enumerate(charted):
        y = 40 + i * bar_h
        score = ratio / target if op == ">=" else target / ratio
        colour = "#2e7d32" if met else "#c62828"
        x0, x1 = x(1 / 16), x(score)
        svg.append(f'<text x="10" y="{y + 16}">{cls}{" " + params if params else ""}</text>')
        svg.append(f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 1):.1f}" height="{bar_h - 8}" fill="{colour}"/>')
        svg.append(f'<text x="{x1 + 4:.1f}" y="{y + 16}">{ratio:,.2f} ({op} {target})</text>')
    xt = x(1)
    svg.append(f'<line x1="{xt:.1f}" y1="30" x2="{xt:.1f}" y2="{height - 10}" stroke="black" stroke-dasharray="4"/>')
    svg.append("</svg>")
    with open(os.path.join(out_dir, "ratios.svg"), "w") as f:
        f.write("\n".join(svg) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: benchmarks/report.py <jmh-result.json>")
    main(sys.argv[1])
