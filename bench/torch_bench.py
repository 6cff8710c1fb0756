"""Per-epoch time of the same training loop with PyTorch on the CPU (float64), for comparison.

The workloads, data and formulas of bench/numpy_bench.py (drawn with NumPy, then copied into tensors); the
backward pass is the original's hand-written one, not autograd. Prints `name microseconds_per_epoch` per
workload, then torch's version and thread count.
  /usr/bin/python3 bench/torch_bench.py [workload ...]        (Debian: apt-get install -y python3-torch)
"""

import os
import sys

import torch

from numpy_bench import WORKLOADS, make, median_epoch_time


def epoch(weights, biases, x, y, lr=0.01):
    """bench/numpy_bench.py's epoch() in torch."""
    zs, activations = [], [x]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ w + b
        zs.append(z)
        activations.append(torch.clamp(z, min=0) if i < len(weights) - 1 else z)
    y_pred = activations[-1]
    loss = torch.mean((y - y_pred) ** 2)
    dz = 2 * (y_pred - y) / y.numel()
    for i in range(len(weights) - 1, -1, -1):
        dw = activations[i].T @ dz
        db = torch.sum(dz, dim=0, keepdim=True)
        if i > 0:
            dz = (dz @ weights[i].T) * (zs[i - 1] > 0).double()
        weights[i] -= lr * dw
        biases[i] -= lr * db
    return loss.item()


def main():
    torch.set_num_threads(os.cpu_count() or 1)
    names = sys.argv[1:] or list(WORKLOADS)
    with torch.no_grad():
        for name in names:
            weights, biases, x, y = (
                [torch.from_numpy(a.copy()) for a in v] if isinstance(v, list) else torch.from_numpy(v.copy())
                for v in make(*WORKLOADS[name]))
            seconds = median_epoch_time(lambda: epoch(weights, biases, x, y))
            print(f"{name} {seconds * 1e6:.3f}", flush=True)
    print(f"torch {torch.__version__} threads={torch.get_num_threads()}")


if __name__ == "__main__":
    main()
