"""Prints bench/run.sh's table: NumPy vs the readable MathNet version vs the fast engine, per epoch.

Usage: python3 bench/report.py ARTIFACTS_DIR
ARTIFACTS_DIR holds BenchmarkDotNet's JSON reports (results/*.json), numpy.txt (bench/numpy_bench.py's
output) and, when the whole-run comparison ran, hyperfine.json. Only the standard library is used.
"""

import glob
import json
import os
import sys

# Workload: (flops per epoch, target NumPy/engine ratio). Flops: 2 per multiply-add of A·W, A_prevᵀ·dZ and
# dZ·Wᵀ (the last not for the first layer): 2·N·Σ_l (3 if l > 1 else 2)·n_in·n_out.
WORKLOADS = {
    "seed": (2.0 * 10 * (2 * 3 * 2 + 3 * 2 * 2 + 3 * 2 * 1), 70),
    "mid": (2.0 * 1000 * (2 * 3 * 16 + 3 * 16 * 16 + 3 * 16 * 1), 4),
    "wide": (2.0 * 100000 * (2 * 3 * 64 + 3 * 64 * 64 + 3 * 64 * 1), 3),
}


def load_benchmarks(artifacts):
    """{(method, workload): (mean ns, allocated bytes per op)} from BenchmarkDotNet's JSON reports."""
    results = {}
    for path in glob.glob(os.path.join(artifacts, "results", "*.json")):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for b in report.get("Benchmarks", []):
            params = dict(p.split("=", 1) for p in b.get("Parameters", "").split("&") if "=" in p)
            key = (b["Method"], params.get("Workload", ""))
            stats = b.get("Statistics") or {}
            memory = b.get("Memory") or {}
            if "Median" in stats:
                results[key] = (stats["Median"], memory.get("BytesAllocatedPerOperation"))
    return results


def load_numpy(artifacts):
    times, blas = {}, "?"
    with open(os.path.join(artifacts, "numpy.txt"), encoding="utf-8") as f:
        for line in f:
            name, _, value = line.strip().partition(" ")
            if name == "blas":
                blas = value
            elif name in WORKLOADS:
                times[name] = float(value) * 1000.0  # µs -> ns
    return times, blas


def fmt_time(ns):
    if ns is None:
        return "n/a"
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns / 1e6:.1f} ms"


def fmt_bytes(b):
    if b is None:
        return "n/a"
    if b < 1024:
        return f"{b:.0f} B"
    if b < 1024 * 1024:
        return f"{b / 1024:.1f} KB"
    return f"{b / 1024 / 1024:.1f} MB"


def main():
    artifacts = sys.argv[1]
    bench = load_benchmarks(artifacts)
    numpy_times, blas = load_numpy(artifacts)

    print()
    print(f"NumPy BLAS: {blas}")
    print()
    print("| workload | NumPy/engine | readable/engine | target | met | engine allocated/epoch | readable allocated/epoch |")
    print("|---|---|---|---|---|---|---|")
    for name, (flops, target) in WORKLOADS.items():
        engine, engine_bytes = bench.get(("Engine", name), (None, None))
        readable, readable_bytes = bench.get(("Readable", name), (None, None))
        numpy_ns = numpy_times.get(name)
        ratio = numpy_ns / engine if numpy_ns and engine else None
        slow = readable / engine if readable and engine else None
        met = "yes" if ratio is not None and ratio >= target else ("no" if ratio is not None else "n/a")
        if name == "seed" and engine_bytes not in (0, None):
            met = "no (allocates)"
        print(f"| {name} | {ratio:.1f}× | {slow:.1f}× | ≥ {target}× | {met} | {fmt_bytes(engine_bytes)} | {fmt_bytes(readable_bytes)} |"
              if ratio is not None and slow is not None else
              f"| {name} | n/a | n/a | ≥ {target}× | n/a | {fmt_bytes(engine_bytes)} | {fmt_bytes(readable_bytes)} |")

    print()
    print("Per-epoch medians of this run (absolute times vary with the machine and its load; the ratios are the result):")
    for name in WORKLOADS:
        print(f"  {name}: NumPy {fmt_time(numpy_times.get(name))}, readable {fmt_time(bench.get(('Readable', name), (None,))[0])}, "
              f"engine {fmt_time(bench.get(('Engine', name), (None,))[0])}")

    wide_ns = bench.get(("Engine", "wide"), (None,))[0]
    peak = bench.get(("FmaPeakAllCores", ""), (None,))[0]
    if wide_ns:
        gflops = WORKLOADS["wide"][0] / wide_ns
        line = f"Wide workload: engine {gflops:.1f} GFLOP/s"
        numpy_ns = numpy_times.get("wide")
        if numpy_ns:
            line += f", NumPy {WORKLOADS['wide'][0] / numpy_ns:.1f} GFLOP/s"
        if peak:
            cores = os.cpu_count() or 1
            peak_gflops = 2.0 * 10 * 5_000_000 * 4 * cores / peak
            line += f"; FMA peak measured on all {cores} cores: {peak_gflops:.1f} GFLOP/s ({100 * gflops / peak_gflops:.0f}% of it)"
        print()
        print(line + ".")

    hyperfine = os.path.join(artifacts, "hyperfine.json")
    if os.path.exists(hyperfine):
        with open(hyperfine, encoding="utf-8") as f:
            runs = json.load(f)["results"]
        cli = next(r for r in runs if "Backprop.Cli" in r["command"])
        python = next(r for r in runs if "python3" in r["command"])
        print()
        print(f"Whole default run, process start to exit (hyperfine, median): CLI {cli['median'] * 1e3:.0f} ms, "
              f"python3 original {python['median'] * 1e3:.0f} ms: the CLI takes {cli['median'] / python['median']:.2f}× "
              f"Python's time ({'faster' if cli['median'] < python['median'] else 'slower'}).")


if __name__ == "__main__":
    main()
