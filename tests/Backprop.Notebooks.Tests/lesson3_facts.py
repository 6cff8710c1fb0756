"""The facts lesson 3's sentences state, computed with NumPy (the numbers Lesson3ContentTests expects).

Run from the repository root: /usr/bin/python3 tests/Backprop.Notebooks.Tests/lesson3_facts.py
Networks are drawn as the library draws them: np.random.seed(seed), then randn(n_in, n_out) per layer (times
sqrt(2 / n_in) for He), zero biases; full-batch gradient descent on the mean squared error, as the original trains.
"""
import numpy as np


def make(sizes, seed=0, he=False):
    np.random.seed(seed)
    weights = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        w = np.random.randn(n_in, n_out)
        weights.append(w * np.sqrt(2.0 / n_in) if he else w)
    return weights, [np.zeros(n) for n in sizes[1:]]


def forward(weights, biases, x):
    zs, a = [], x
    for k, (w, b) in enumerate(zip(weights, biases)):
        z = a @ w + b
        zs.append(z)
        a = np.maximum(0, z) if k < len(weights) - 1 else z
    return zs, a


def dead(weights, biases, x):
    zs, _ = forward(weights, biases, x)
    return sum(int((z <= 0).all(axis=0).sum()) for z in zs[:-1])


def dead_in_layer(weights, biases, x, layer):
    zs, _ = forward(weights, biases, x)
    return int((zs[layer] <= 0).all(axis=0).sum())


def train(weights, biases, x, t, epochs, lr):
    losses = []
    with np.errstate(all='ignore'):
        for _ in range(epochs):
            zs, p = forward(weights, biases, x)
            losses.append(np.mean((p - t) ** 2))
            g = 2 * (p - t) / t.size
            acts = [x] + [np.maximum(0, z) for z in zs[:-1]]
            for k in reversed(range(len(weights))):
                dw, db = acts[k].T @ g, g.sum(axis=0)
                if k > 0:
                    g = (g @ weights[k].T) * (zs[k - 1] > 0)
                weights[k] -= lr * dw
                biases[k] -= lr * db
    return losses


def original_data():
    make([3, 2, 2, 1])  # the weights come first in the draw
    return np.random.rand(10, 3), np.random.rand(10, 1)


X, y = original_data()

print("Exercise 1: dead units of layer 2 after 1000 epochs, lr = 0.01 … 0.30")
for step in range(1, 31):
    w, b = make([3, 2, 2, 1])
    train(w, b, X, y, 1000, step / 100)
    print(f"  lr = {step / 100:.2f}: {dead_in_layer(w, b, X, 1)}")

x_curve = np.linspace(-3, 3, 25).reshape(-1, 1)
y_curve = np.sin(x_curve)
for lr in [0.01, 0.05]:
    w, b = make([1, 8, 8, 1], he=True)
    losses = train(w, b, x_curve, y_curve, 3000, lr)
    print(f"1-8-8-1 on sin x, lr = {lr}: loss {losses[0]:.4f} -> {losses[-1]:.4f}, {dead(w, b, x_curve)} of 16 dead")

for he in [False, True]:
    w, b = make([3, 8, 8, 8, 8, 1], he=he)
    losses = train(w, b, X, y, 1000, 0.01)
    print(f"3-8-8-8-8-1 {'He' if he else 'randn'}: loss {losses[0]:.4f} -> {losses[-1]:.4f}, {dead(w, b, X)} of 32 dead")
w, b = make([3, 2, 2, 1], he=True)
print(f"3-2-2-1 He: first loss {train(w, b, X, y, 1, 0.01)[0]:.4f}")

data = np.genfromtxt('data/bike_rentals.csv', delimiter=',', skip_header=1)
x_train, y_train = data[:240, :4], data[:240, 4:5]
print(f"Training days: temperature standard deviation {x_train[:, 0].std():.1f} °C, rentals {y_train.std():.1f}")
w, b = make([4, 16, 16, 1], he=True)
print(f"Raw data: {dead(w, b, x_train)} of 32 dead before the first step")
losses = train(w, b, x_train, y_train, 1000, 0.1)
print(f"Raw data: loss {losses[0]:.3g}, {losses[1]:.3g}, … {losses[-1]:.3g}; {dead(w, b, x_train)} of 32 dead; variance of y {y_train.var():.3g}")
scaled = (x_train - x_train.mean(axis=0)) / x_train.std(axis=0)
w, b = make([4, 16, 16, 1], he=True)
print(f"Features scaled, target raw: {dead(w, b, scaled)} of 32 dead before the first step")
losses = train(w, b, scaled, y_train, 1000, 0.1)
print(f"Features scaled, target raw: loss {losses[0]:.3g}, {losses[1]:.3g}, … {losses[-1]:.3g}; {dead(w, b, scaled)} of 32 dead")
w, b = make([4, 16, 16, 1], he=True)
losses = train(w, b, scaled, (y_train - y_train.mean()) / y_train.std(), 1000, 0.1)
print(f"Both scaled: loss {losses[0]:.4f} -> {losses[-1]:.4f}; {dead(w, b, scaled)} of 32 dead")
