"""Generate the NumPy reference fixtures that the C# port is tested against.

Run it from this folder with the system Python, which has NumPy:

    apt-get update && apt-get install -y python3-numpy   # once
    /usr/bin/python3 make_fixtures.py

It writes these files next to itself, overwriting them:

random.json
    What NumPy's legacy generator (np.random.seed / rand / randn) returns for
    several seeds and sequences of calls. Each case is
    {"seed", "ops": [{"op": "rand"|"randn", "rows", "cols", "values"}]}, with
    "values" flattened in row-major order. The sequences mix odd and even
    randn counts with rand calls in between. They check that randn caches its
    second normal and that a rand call does not clear that cache.

training.json
    Complete training runs of the notebook's network, generalised to any list
    of layer sizes (ReLU hidden layers, linear output, MSE loss, plain gradient
    descent). Each case has its settings, the initial weights, the data, the
    loss of every epoch, the lines the notebook would print, and the final
    parameters. Cases:
      original            the notebook itself: seed 0, 3-2-2-1, lr 0.01, 1000 epochs
      seed1_4_8_3         one wider hidden layer, three outputs
      seed7_deep_he       three hidden layers, two outputs, He initialisation
      seed3_16x16_he      100 samples; X and y are left out, so rebuild them from the seed
      original_lr_0.5     the notebook's network at lr 0.5 for 50 epochs (does not diverge)
      diverges            the same network for 50 epochs at the first lr in 0.5, 1, 2, 4, ...
                          whose loss overflows. "losses" ends at that epoch with null
      csv_tiny            weights drawn with seed 0, and X and y read from tiny.csv

one_step.json
    One forward and backward pass of the original network, with every
    intermediate value (z, a, loss, dL_dy, dz, dW, db) and the parameters after
    one update at lr 0.01.

tiny.csv
    12 rows of np.random.seed(5); np.random.rand(12, 4) under the header
    x1,x2,x3,target, written with repr() so the values read back exactly.

Conventions
    Matrices are lists of rows. Biases and their gradients are flat lists (the
    (1, n) row vector). json writes floats with repr(), so every double reads
    back exactly. Nothing is rounded. A loss that is not finite is written as null.

Only the generator values are exact across machines. Training results come
from matrix products, and a different BLAS may add in a different order and
change the last bits. These values were made with Debian's NumPy 1.24 on the
reference BLAS. Compare training results with a relative tolerance of about
1e-12, not exactly.

The script checks itself as it runs. It compares the generator with known
values, compares the "original" case with the notebook's own cells run
unchanged, and compares the printed lines with those a fresh run of the
notebook prints. If any check fails it stops before writing the JSON files.
"""

import contextlib
import csv
import io
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------
# Writing JSON
# ---------------------------------------------------------------------------

def to_json_text(value, indent=0):
    """Format JSON so that each list of numbers (a matrix row, a loss list)
    is on one line and everything else is indented. Numbers are written by
    json.dumps, that is with repr(), so they read back exactly."""
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {to_json_text(item, indent + 1)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value):
        items = [inner + to_json_text(item, indent + 1) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False)


def write_json(file_name, value):
    path = os.path.join(HERE, file_name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(to_json_text(value) + "\n")
    print(f"wrote {file_name} ({os.path.getsize(path)} bytes)")


def matrix(array):
    """A 2-D array as a list of rows of Python floats."""
    return np.asarray(array, dtype=float).tolist()


def flat(array):
    """A (1, n) bias row (or any array) as a flat list of Python floats."""
    return np.asarray(array, dtype=float).ravel().tolist()


def finite_or_none(x):
    return float(x) if math.isfinite(x) else None


# ---------------------------------------------------------------------------
# 1. random.json: NumPy's legacy generator
# ---------------------------------------------------------------------------

RANDOM_SEEDS = [0, 1, 42, 12345, 2**31, 2**32 - 1]

RANDOM_SEQUENCES = [
    # Odd randn counts leave a cached normal. The rand calls in between must keep it.
    [("randn", 1, 1), ("randn", 3, 2), ("rand", 1, 3),
     ("randn", 1, 1), ("rand", 2, 2), ("randn", 5, 1)],
    # rand first, then a single randn (gives 0.7415917408091613 for seed 0).
    [("rand", 1, 1), ("randn", 1, 1), ("rand", 1, 1),
     ("randn", 2, 3), ("rand", 3, 1), ("randn", 1, 3)],
    # A long run of normals: many rejection-sampling rounds.
    [("randn", 100, 7)],
]


def check_generator_against_known_values():
    np.random.seed(0)
    assert np.random.rand() == 0.5488135039273248
    np.random.seed(0)
    assert np.random.randn() == 1.764052345967664
    assert np.random.randn() == 0.4001572083672233
    np.random.seed(0)
    np.random.rand()
    assert np.random.randn() == 0.7415917408091613


def make_random_cases():
    cases = []
    for seed in RANDOM_SEEDS:
        for sequence in RANDOM_SEQUENCES:
            np.random.seed(seed)
            ops = []
            for op, rows, cols in sequence:
                draw = np.random.rand if op == "rand" else np.random.randn
                values = draw(rows, cols)
                ops.append({"op": op, "rows": rows, "cols": cols, "values": flat(values)})
            cases.append({"seed": seed, "ops": ops})
    return {"cases": cases}


# ---------------------------------------------------------------------------
# The network, generalised from the notebook to any list of layer sizes
# ---------------------------------------------------------------------------

def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return (x > 0).astype(float)


def init_parameters(layers, init):
    """One weight matrix per layer, drawn in order, then zero biases.
    "randn" uses the normals as they are (like the notebook). "he" multiplies
    them by sqrt(2 / n_in)."""
    weights, biases = [], []
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        W = np.random.randn(n_in, n_out)
        if init == "he":
            W = W * np.sqrt(2.0 / n_in)
        weights.append(W)
        biases.append(np.zeros((1, n_out)))
    return weights, biases


def forward(weights, biases, X):
    """Return z_1..z_L and a_0..a_L, where a_0 = X and a_L = z_L (linear output)."""
    zs, activations = [], [X]
    last = len(weights) - 1
    for i, (W, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ W + b
        zs.append(z)
        activations.append(z if i == last else relu(z))
    return zs, activations


def backward(weights, zs, activations, y):
    """Gradients of the MSE loss, computed the way the notebook computes them."""
    y_pred = activations[-1]
    dL_dy = 2 * (y_pred - y) / y.size
    count = len(weights)
    dz_list, dW_list, db_list = [None] * count, [None] * count, [None] * count
    dz = dL_dy  # the output layer is linear
    for i in reversed(range(count)):
        dz_list[i] = dz
        dW_list[i] = activations[i].T @ dz
        db_list[i] = np.sum(dz, axis=0, keepdims=True)
        if i > 0:
            da_prev = dz @ weights[i].T
            dz = da_prev * relu_derivative(zs[i - 1])
    return dL_dy, dz_list, dW_list, db_list


def mse(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2)


def train(weights, biases, X, y, lr, epochs, print_every):
    """Train in place. Return the loss of every epoch (taken before that epoch's
    update), the printed lines, and the first epoch whose loss is not finite
    (None if every loss is finite). Training stops at that epoch."""
    losses, printed = [], []
    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            zs, activations = forward(weights, biases, X)
            loss = mse(y, activations[-1])
            losses.append(finite_or_none(loss))
            if epoch % print_every == 0:
                printed.append(f"Epoch {epoch}, Loss: {loss:.4f}")
            if not math.isfinite(loss):
                return losses, printed, epoch
            # All gradients are computed first, then every parameter is updated.
            _, _, dW_list, db_list = backward(weights, zs, activations, y)
            for W, b, dW, db in zip(weights, biases, dW_list, db_list):
                W -= lr * dW
                b -= lr * db
    return losses, printed, None


# ---------------------------------------------------------------------------
# The notebook's own cells, unchanged, as the reference for the "original" case
# ---------------------------------------------------------------------------

# The cells In [9], In [12], In [15] and In [16] of the notebook. The pandas and
# matplotlib imports (In [14]) are dropped because they are not used. The only
# line added is LOSSES.append(loss), which records every loss.
ORIGINAL_NOTEBOOK_CELLS = '''
import numpy as np

# Initialize parameters
np.random.seed(0)
input_size = 3
hidden1_size = 2
hidden2_size = 2
output_size = 1
lr = 0.01  # learning rate

# Weights and biases
W1 = np.random.randn(input_size, hidden1_size)
b1 = np.zeros((1, hidden1_size))

W2 = np.random.randn(hidden1_size, hidden2_size)
b2 = np.zeros((1, hidden2_size))

W3 = np.random.randn(hidden2_size, output_size)
b3 = np.zeros((1, output_size))

# ReLU and its derivative
def relu(x):
    return np.maximum(0, x)

def relu_derivative(x):
    return (x > 0).astype(float)

# Mean Squared Error and its derivative
def mse(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2)

def mse_derivative(y_true, y_pred):
    return 2 * (y_pred - y_true) / y_true.size

# Training loop
def train(X, y, epochs=1000):
    global W1, b1, W2, b2, W3, b3
    for epoch in range(epochs):
        # Forward pass
        z1 = X @ W1 + b1
        a1 = relu(z1)

        z2 = a1 @ W2 + b2
        a2 = relu(z2)

        z3 = a2 @ W3 + b3
        y_pred = z3  # linear output layer

        # Compute loss
        loss = mse(y, y_pred)
        LOSSES.append(loss)  # added: record every loss

        # Backward pass
        dL_dy = mse_derivative(y, y_pred)

        # Layer 3
        dL_dW3 = a2.T @ dL_dy
        dL_db3 = np.sum(dL_dy, axis=0, keepdims=True)

        # Layer 2
        dL_da2 = dL_dy @ W3.T
        dL_dz2 = dL_da2 * relu_derivative(z2)
        dL_dW2 = a1.T @ dL_dz2
        dL_db2 = np.sum(dL_dz2, axis=0, keepdims=True)

        # Layer 1
        dL_da1 = dL_dz2 @ W2.T
        dL_dz1 = dL_da1 * relu_derivative(z1)
        dL_dW1 = X.T @ dL_dz1
        dL_db1 = np.sum(dL_dz1, axis=0, keepdims=True)

        # Update weights and biases
        W3 -= lr * dL_dW3
        b3 -= lr * dL_db3
        W2 -= lr * dL_dW2
        b2 -= lr * dL_db2
        W1 -= lr * dL_dW1
        b1 -= lr * dL_db1

        # Print loss occasionally
        if epoch % 100 == 0:
            print(f"Epoch {epoch}, Loss: {loss:.4f}")

# Example usage
X = np.random.rand(10, 3)  # 10 samples, 3 features
y = np.random.rand(10, 1)  # 10 target values

train(X, y)
'''

# What a fresh top-to-bottom run of the notebook prints. The printout saved in
# the notebook (0.0672, ...) came from a different kernel state.
ORIGINAL_EXPECTED_PRINTOUT = [
    f"Epoch {epoch}, Loss: {loss}" for epoch, loss in zip(
        range(0, 1000, 100),
        ["0.0736", "0.0195", "0.0186", "0.0179", "0.0174",
         "0.0169", "0.0166", "0.0164", "0.0162", "0.0158"])
]


def run_original_notebook():
    """Run the notebook's cells in a fresh namespace (so that W1..b3 are the
    cells' own globals) and return that namespace plus the printed lines."""
    namespace = {"LOSSES": []}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(ORIGINAL_NOTEBOOK_CELLS, namespace)
    return namespace, output.getvalue().splitlines()


def check_original_case(case):
    notebook, notebook_printed = run_original_notebook()
    assert notebook_printed == ORIGINAL_EXPECTED_PRINTOUT, notebook_printed
    assert case["printed"] == ORIGINAL_EXPECTED_PRINTOUT, case["printed"]
    # The generalised code does the same operations in the same order, so the
    # results must match bit for bit.
    assert case["losses"] == [float(loss) for loss in notebook["LOSSES"]]
    assert case["X"] == matrix(notebook["X"]) and case["y"] == matrix(notebook["y"])
    assert case["final_weights"] == [matrix(notebook[n]) for n in ("W1", "W2", "W3")]
    assert case["final_biases"] == [flat(notebook[n]) for n in ("b1", "b2", "b3")]


# ---------------------------------------------------------------------------
# 2. training.json
# ---------------------------------------------------------------------------

MAX_DATA_VALUES = 200  # X and y are stored only when samples * features <= this

TRAINING_CASES = [
    dict(name="original", seed=0, layers=[3, 2, 2, 1], lr=0.01, epochs=1000,
         samples=10, init="randn", print_every=100),
    dict(name="seed1_4_8_3", seed=1, layers=[4, 8, 3], lr=0.05, epochs=300,
         samples=25, init="randn", print_every=50),
    dict(name="seed7_deep_he", seed=7, layers=[2, 5, 5, 5, 2], lr=0.01, epochs=500,
         samples=16, init="he", print_every=100),
    dict(name="seed3_16x16_he", seed=3, layers=[3, 16, 16, 1], lr=0.01, epochs=200,
         samples=100, init="he", print_every=20),
    dict(name="original_lr_0.5", seed=0, layers=[3, 2, 2, 1], lr=0.5, epochs=50,
         samples=10, init="randn", print_every=10),
]

# lr is only the first learning rate tried; see make_divergence_case.
DIVERGENCE_CASE = dict(name="diverges", seed=0, layers=[3, 2, 2, 1], lr=0.5, epochs=50,
                       samples=10, init="randn", print_every=10)

CSV_FILE = "tiny.csv"
CSV_CASE = dict(name="csv_tiny", seed=0, layers=[3, 4, 1], lr=0.05, epochs=200,
                samples=12, init="randn", print_every=50)  # samples = rows of tiny.csv


def run_case(settings, X=None, y=None, data="random"):
    """Seed, draw the weights, draw X and y unless they are given, train.
    Return the case as it goes into training.json."""
    layers = settings["layers"]
    np.random.seed(settings["seed"])
    weights, biases = init_parameters(layers, settings["init"])
    if X is None:
        X = np.random.rand(settings["samples"], layers[0])
        y = np.random.rand(settings["samples"], layers[-1])
    assert X.shape == (settings["samples"], layers[0]), X.shape
    assert y.shape == (settings["samples"], layers[-1]), y.shape
    initial_weights = [matrix(W) for W in weights]

    losses, printed, diverged_at = train(weights, biases, X, y, settings["lr"],
                                         settings["epochs"], settings["print_every"])

    case = dict(settings)
    case["data"] = data
    if data == "csv":
        case["csv_file"] = CSV_FILE
    case["initial_weights"] = initial_weights
    if X.size <= MAX_DATA_VALUES:
        case["X"] = matrix(X)
        case["y"] = matrix(y)
    case["losses"] = losses
    case["printed"] = printed
    case["diverges_at_epoch"] = diverged_at
    if diverged_at is None:
        case["final_weights"] = [matrix(W) for W in weights]
        case["final_biases"] = [flat(b) for b in biases]
    else:  # the parameters are meaningless once the loss has overflowed
        case["final_weights"] = None
        case["final_biases"] = None
    return case


def make_divergence_case():
    """Double the learning rate from 0.5 until 50 epochs overflow the loss."""
    settings = dict(DIVERGENCE_CASE)
    while True:
        case = run_case(settings)
        if case["diverges_at_epoch"] is not None:
            return case
        settings["lr"] *= 2


# ---------------------------------------------------------------------------
# 3. one_step.json
# ---------------------------------------------------------------------------

def make_one_step(lr=0.01):
    np.random.seed(0)
    weights, biases = init_parameters([3, 2, 2, 1], "randn")
    X = np.random.rand(10, 3)
    y = np.random.rand(10, 1)

    zs, activations = forward(weights, biases, X)
    loss = mse(y, activations[-1])
    dL_dy, dz_list, dW_list, db_list = backward(weights, zs, activations, y)
    weights_after = [W - lr * dW for W, dW in zip(weights, dW_list)]
    biases_after = [b - lr * db for b, db in zip(biases, db_list)]

    return {
        "seed": 0,
        "layers": [3, 2, 2, 1],
        "lr": lr,
        "weights": [matrix(W) for W in weights],
        "biases": [flat(b) for b in biases],
        "X": matrix(X),
        "y": matrix(y),
        "z": [matrix(z) for z in zs],
        "a": [matrix(a) for a in activations],
        "loss": float(loss),
        "dL_dy": matrix(dL_dy),
        "dz": [matrix(dz) for dz in dz_list],
        "dW": [matrix(dW) for dW in dW_list],
        "db": [flat(db) for db in db_list],
        "weights_after": [matrix(W) for W in weights_after],
        "biases_after": [flat(b) for b in biases_after],
    }


# ---------------------------------------------------------------------------
# 4. tiny.csv and its training case
# ---------------------------------------------------------------------------

def write_tiny_csv():
    np.random.seed(5)
    rows = np.random.rand(12, 4).tolist()
    path = os.path.join(HERE, CSV_FILE)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("x1,x2,x3,target\n")
        for row in rows:
            f.write(",".join(repr(value) for value in row) + "\n")
    print(f"wrote {CSV_FILE} ({os.path.getsize(path)} bytes)")
    return np.array(rows)


def read_tiny_csv():
    """X is every column but the last, in file order. y is the target column."""
    with open(os.path.join(HERE, CSV_FILE), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == ["x1", "x2", "x3", "target"], header
        values = np.array([[float(cell) for cell in row] for row in reader])
    return values[:, :-1], values[:, -1:]


# ---------------------------------------------------------------------------

def main():
    check_generator_against_known_values()
    random_fixture = make_random_cases()

    # Build and check everything before writing any JSON file.
    training_cases = [run_case(settings) for settings in TRAINING_CASES]
    check_original_case(training_cases[0])
    training_cases.append(make_divergence_case())

    one_step = make_one_step()
    original = training_cases[0]
    assert one_step["loss"] == original["losses"][0]
    assert one_step["weights"] == original["initial_weights"]

    written_rows = write_tiny_csv()
    X_csv, y_csv = read_tiny_csv()
    assert np.array_equal(np.hstack([X_csv, y_csv]), written_rows)  # exact round trip
    training_cases.append(run_case(CSV_CASE, X_csv, y_csv, data="csv"))

    write_json("random.json", random_fixture)
    write_json("training.json", {"cases": training_cases})
    write_json("one_step.json", one_step)

    for case in training_cases:
        print(f"\n{case['name']} (lr {case['lr']}, diverges at epoch {case['diverges_at_epoch']}):")
        for line in case["printed"]:
            print("  " + line)


if __name__ == "__main__":
    main()
