"""Per-epoch time of the original notebook's training loop, generalised to any layer list, with NumPy.

The three workloads of bench/README.md (He init, seed 0, X = rand, y = rand, lr = 0.01, float64):
  seed: 10x3,     3-2-2-1
  mid:  1000x3,   3-16-16-1
  wide: 100000x3, 3-64-64-1

Prints one line per workload: `name microseconds_per_epoch` (the median over several timed blocks of
epochs), then the BLAS NumPy uses (threadpoolctl: library, version, the kernel family OpenBLAS picked, threads).
bench/run.sh runs it under several OpenBLAS settings and keeps the fastest:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_bench.py [workload ...]
  env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 bench/numpy_bench.py [workload ...]
"""

import statistics
import sys
import time

import numpy as np

WORKLOADS = {
    "seed": (10, [3, 2, 2, 1]),
    "mid": (1000, [3, 16, 16, 1]),
    "wide": (100000, [3, 64, 64, 1]),
}


def make(samples, layers):
    np.random.seed(0)
    weights = [np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in) for n_in, n_out in zip(layers, layers[1:])]
    biases = [np.zeros((1, n_out)) for n_out in layers[1:]]
    x = np.random.rand(samples, layers[0])
    y = np.random.rand(samples, layers[-1])
    return weights, biases, x, y


def epoch(weights, biases, x, y, lr=0.01):
    """One epoch of the original train(): forward, mse, backward, update (any number of layers)."""
    zs, activations = [], [x]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ w + b
        zs.append(z)
        activations.append(np.maximum(0, z) if i < len(weights) - 1 else z)
    y_pred = activations[-1]
    loss = np.mean((y - y_pred) ** 2)
    dz = 2 * (y_pred - y) / y.size
    for i in range(len(weights) - 1, -1, -1):
        dw = activations[i].T @ dz
        db = np.sum(dz, axis=0, keepdims=True)
        if i > 0:
            dz = (dz @ weights[i].T) * (zs[i - 1] > 0).astype(float)
        weights[i] -= lr * dw
        biases[i] -= lr * db
    return loss


def median_epoch_time(step, budget_seconds=6.0):
    """Median seconds per call of step(): warmed up, then timed in blocks of about 0.25 s."""
    start = time.perf_counter()
    count = 0
    while time.perf_counter() - start < 0.25:
        step()
        count += 1
    per_block = max(1, count)
    times = []
    deadline = time.perf_counter() + budget_seconds
    while time.perf_counter() < deadline or len(times) < 5:
        t0 = time.perf_counter()
        for _ in range(per_block):
            step()
        times.append((time.perf_counter() - t0) / per_block)
    return statistics.median(times)


def time_workload(name):
    samples, layers = WORKLOADS[name]
    weights, biases, x, y = make(samples, layers)
    return median_epoch_time(lambda: epoch(weights, biases, x, y)) * 1e6


def main():
    names = sys.argv[1:] or list(WORKLOADS)
    for name in names:
        print(f"{name} {time_workload(name):.3f}", flush=True)
    try:
        from threadpoolctl import threadpool_info

        blas = ", ".join(f"{i['internal_api']} {i['version']} {i.get('architecture')} threads={i['num_threads']}"
                         for i in threadpool_info())
    except ImportError:
        blas = "unknown (threadpoolctl not installed)"
    print(f"blas {blas}")


if __name__ == "__main__":
    main()
