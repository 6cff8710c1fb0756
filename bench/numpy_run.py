"""A whole training run with NumPy, printed as the console program prints it, for the whole-process races.

    /usr/bin/python3 bench/numpy_run.py SAMPLES LAYERS EPOCHS PRINT_EVERY
    e.g. bench/numpy_run.py 1000 3,16,16,1 2000 500   (the console: --samples 1000 --layers 3,16,16,1
         --epochs 2000 --init he --print-every 500)

He init with seed 0, X = rand, y = rand, learning rate 0.01: bench/numpy_bench.py's make() and epoch(), which
are the original notebook's cells generalised to any layer list. Prints `Epoch N, Loss: x.xxxx` every
PRINT_EVERY epochs, as the console does.
"""

import sys

from numpy_bench import epoch, make


def main():
    samples, layers, epochs, every = int(sys.argv[1]), [int(n) for n in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4])
    weights, biases, x, y = make(samples, layers)
    for e in range(epochs):
        loss = epoch(weights, biases, x, y)
        if e % every == 0:
            print(f"Epoch {e}, Loss: {loss:.4f}")


if __name__ == "__main__":
    main()
