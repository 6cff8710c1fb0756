"""Prints bench/run.sh's tables: the engine (512- and 256-bit) against NumPy at its best, PyTorch and the
readable version, per epoch and as whole processes; the FMA peaks and the wide workload's share of them.

Usage: python3 bench/report.py ARTIFACTS_DIR
ARTIFACTS_DIR holds BenchmarkDotNet's JSON reports (results/*.json), numpy-SETTING.txt (bench/numpy_bench.py's
output under each OpenBLAS setting), torch.txt if PyTorch ran, and race-*.json / start.json (hyperfine) if the
whole-process races ran. Only the standard library is used.
"""

import glob
import json
import os
import sys

# Flops per epoch: 2 per multiply-add of A·W, A_prevᵀ·dZ and dZ·Wᵀ (the last not for the first layer):
# 2·N·Σ_l (3 if l > 1 else 2)·n_in·n_out.
WORKLOADS = {
    "seed": 2.0 * 10 * (2 * 3 * 2 + 3 * 2 * 2 + 3 * 2 * 1),
    "mid": 2.0 * 1000 * (2 * 3 * 16 + 3 * 16 * 16 + 3 * 16 * 1),
    "wide": 2.0 * 100000 * (2 * 3 * 64 + 3 * 64 * 64 + 3 * 64 * 1),
}
RACE_TARGETS = {"original": 3.0, "mid": 3.0, "wide": 2.5}
FMA_PER_CORE = 10 * 5_000_000  # PeakBenchmarks.FmaPerCore


def load_benchmarks(artifacts):
    """{(method, parameter): (median ns, allocated bytes per op)} from BenchmarkDotNet's JSON reports."""
    results = {}
    for path in glob.glob(os.path.join(artifacts, "results", "*.json")):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for b in report.get("Benchmarks", []):
            params = dict(p.split("=", 1) for p in b.get("Parameters", "").split("&") if "=" in p)
            key = (b["Method"], params.get("Workload", params.get("Samples", "")))
            stats = b.get("Statistics") or {}
            memory = b.get("Memory") or {}
            if "Median" in stats:
                results[key] = (stats["Median"], memory.get("BytesAllocatedPerOperation"))
    return results


def load_times(path):
    """{workload: ns per epoch} and the trailing description line of numpy_bench.py / torch_bench.py."""
    times, about, setting = {}, "?", "?"
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.strip().partition(" ")
            if key in WORKLOADS:
                times[key] = float(value) * 1000.0
            elif key == "setting":
                setting = value
            elif key in ("blas", "torch"):
                about = line.strip()
    return times, about, setting


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
    return f"{b:.0f} B" if b < 1024 else f"{b / 1024:.1f} KB" if b < 1024 * 1024 else f"{b / 1024 / 1024:.1f} MB"


def main():
    artifacts = sys.argv[1]
    bench = load_benchmarks(artifacts)
    cores = os.cpu_count() or 1

    numpy = {}
    for path in sorted(glob.glob(os.path.join(artifacts, "numpy-*.txt"))):
        times, about, setting = load_times(path)
        numpy[setting] = (times, about)
    print()
    print("NumPy per epoch under each OpenBLAS setting (threadpoolctl's report of the BLAS):")
    for setting, (times, about) in numpy.items():
        print(f"  {setting}: " + ", ".join(f"{n} {fmt_time(t)}" for n, t in times.items()) + f"  [{about}]")
    best = {n: min(((t[n], s) for s, (t, _) in numpy.items() if n in t), default=(None, None)) for n in WORKLOADS}

    torch_path = os.path.join(artifacts, "torch.txt")
    torch = load_times(torch_path)[:2] if os.path.exists(torch_path) else ({}, "PyTorch not installed")

    print()
    print("| workload | engine 512-bit | engine 256-bit | NumPy at its best (setting) | PyTorch CPU | readable | NumPy / engine | engine allocated/epoch |")
    print("|---|---|---|---|---|---|---|---|")
    for name in WORKLOADS:
        e512, bytes512 = bench.get(("Engine512", name), (None, None))
        e256, _ = bench.get(("Engine256", name), (None, None))
        readable, _ = bench.get(("Readable", name), (None, None))
        numpy_ns, setting = best[name]
        ratio = f"{numpy_ns / e512:.1f}×" if numpy_ns and e512 else "n/a"
        print(f"| {name} | {fmt_time(e512)} | {fmt_time(e256)} | {fmt_time(numpy_ns)} ({setting}) | "
              f"{fmt_time(torch[0].get(name))} | {fmt_time(readable)} | {ratio} | {fmt_bytes(bytes512)} |")
    print(f"PyTorch: {torch[1]}")

    peaks = {}
    for method, lanes, on in (("FmaPeak512AllCores", 8, cores), ("FmaPeak256AllCores", 4, cores), ("FmaPeak512OneCore", 8, 1)):
        ns = bench.get((method, ""), (None,))[0]
        peaks[method] = 2.0 * FMA_PER_CORE * lanes * on / ns if ns else None
    print()
    print("FMA peaks (register-only loop): " + ", ".join(f"{m} {p:.1f} GFLOP/s" for m, p in peaks.items() if p))
    # Two readings of the two-core 512-bit peak: the all-core loop as measured (Parallel.For on every core), and
    # twice the one-core loop, which is what both cores reach when neither is disturbed (the stricter one).
    two_cores = 2 * peaks["FmaPeak512OneCore"] if peaks["FmaPeak512OneCore"] and cores >= 2 else None
    for method, peak in (("Engine512", peaks["FmaPeak512AllCores"]), ("Engine256", peaks["FmaPeak256AllCores"])):
        ns = bench.get((method, "wide"), (None,))[0]
        if ns and peak:
            gflops = WORKLOADS["wide"] / ns
            strict = f", {100 * gflops / two_cores:.0f}% of twice the one-core 512-bit peak" if two_cores else ""
            print(f"Wide epoch, {method}: {gflops:.1f} GFLOP/s = {100 * gflops / peak:.0f}% of the same run's peak at that width "
                  f"({100 * gflops / peaks['FmaPeak512AllCores']:.0f}% of the all-core 512-bit peak{strict}); target ≥ 60% of the 512-bit peak")
    one = peaks["FmaPeak512OneCore"]
    for samples in ("32", "160"):
        row = []
        for kernel in ("Forward", "Backward", "WeightGradient"):
            ns = bench.get((kernel, samples), (None,))[0]
            if ns and one:
                gflops = 2.0 * 64 * 64 * int(samples) / ns
                row.append(f"{kernel} {gflops:.1f} GFLOP/s ({100 * gflops / one:.0f}%)")
        if row:
            print(f"64×64 layer kernels on one core, {samples}-sample tile: " + ", ".join(row) + " of the one-core 512-bit peak")

    races = sorted(glob.glob(os.path.join(artifacts, "race-*.json")))
    if races:
        print()
        print("| whole process | native (dotnet publish) | .NET build (dotnet run's) | NumPy at its best | native speed-up | .NET speed-up | target | met (native) |")
        print("|---|---|---|---|---|---|---|---|")
        for path in races:
            name = os.path.basename(path)[5:-5]
            with open(path, encoding="utf-8") as f:
                runs = {r["command"]: r["median"] for r in json.load(f)["results"]}
            native, managed = runs.pop("native"), runs.pop("dotnet")
            setting, python = min(runs.items(), key=lambda kv: kv[1])
            target = RACE_TARGETS.get(name, 0)
            print(f"| {name} | {native * 1e3:.0f} ms | {managed * 1e3:.0f} ms | {python * 1e3:.0f} ms ({setting}) | "
                  f"{python / native:.2f}× | {python / managed:.2f}× | ≥ {target}× | {'yes' if python / native >= target else 'no'} |")
    start = os.path.join(artifacts, "start.json")
    if os.path.exists(start):
        with open(start, encoding="utf-8") as f:
            print("Start-up (median): " + ", ".join(f"{r['command']} {r['median'] * 1e3:.0f} ms" for r in json.load(f)["results"]))


if __name__ == "__main__":
    main()
