"""Writes student_mistakes.json: the original notebook's backward pass and update, written the way a student
writes it in NumPy, once right and once with each common mistake planted. The grader's tests read these
numbers and check that each mistake is recognised with its own hint.

Run with Debian's NumPy (/usr/bin/python3 make_student_mistakes.py) from this folder. The network and the data
are the original's: np.random.seed(0), W1, W2, W3 from randn, biases zero, X = rand(10, 3), y = rand(10, 1).
Matrices are lists of rows; biases and their gradients are flat lists; a value the student's code never
computes (its shapes do not fit) is null. floats are written with repr(), so they read back exactly.
"""

import json

import numpy as np

LR = 0.01
SLIPS = ["none", "transposed_W1", "transposed_W2", "no_relu_derivative_2", "no_relu_derivative_1",
         "no_factor_two", "wrong_axis", "early_update", "wrong_sign"]


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return (x > 0).astype(float)


def student_step(X, y, W1, b1, W2, b2, W3, b3, slip):
    """One forward pass, backward pass and update, with `slip` planted."""
    W1, b1, W2, b2, W3, b3 = (p.copy() for p in (W1, b1, W2, b2, W3, b3))
    axis = 1 if slip == "wrong_axis" else 0

    z1 = X @ W1 + b1
    a1 = relu(z1)
    z2 = a1 @ W2 + b2
    a2 = relu(z2)
    z3 = a2 @ W3 + b3
    y_pred = z3

    if slip == "no_factor_two":
        dL_dy = (y_pred - y) / y.size
    elif slip == "wrong_sign":
        dL_dy = 2 * (y - y_pred) / y.size
    else:
        dL_dy = 2 * (y_pred - y) / y.size

    dL_dW3 = a2.T @ dL_dy
    dL_db3 = np.sum(dL_dy, axis=axis, keepdims=True)
    if slip == "early_update":
        W3 -= LR * dL_dW3
        b3 -= LR * dL_db3

    dL_da2 = dL_dy @ W3.T
    dL_dz2 = dL_da2 if slip == "no_relu_derivative_2" else dL_da2 * relu_derivative(z2)
    dL_dW2 = dL_dz2.T @ a1 if slip == "transposed_W2" else a1.T @ dL_dz2
    dL_db2 = np.sum(dL_dz2, axis=axis, keepdims=True)

    dL_da1 = dL_dz2 @ W2.T
    dL_dz1 = dL_da1 if slip == "no_relu_derivative_1" else dL_da1 * relu_derivative(z1)
    dL_dW1 = dL_dz1.T @ X if slip == "transposed_W1" else X.T @ dL_dz1
    dL_db1 = np.sum(dL_dz1, axis=axis, keepdims=True)

    def step(p, g):
        """p -= lr * g, or None where NumPy refuses the shapes (the student's cell stops there)."""
        try:
            q = p.copy()
            q -= LR * g
            return q
        except ValueError:
            return None

    if slip == "early_update":
        new_W3, new_b3 = W3, b3
    else:
        new_W3, new_b3 = step(W3, dL_dW3), step(b3, dL_db3)

    return {
        "slip": slip,
        "dL_dW": [matrix(dL_dW1), matrix(dL_dW2), matrix(dL_dW3)],
        "dL_db": [flat(dL_db1), flat(dL_db2), flat(dL_db3)],
        "dL_dz": [matrix(dL_dz1), matrix(dL_dz2)],
        "dL_da": [matrix(dL_da1), matrix(dL_da2)],
        "new_W": [matrix(step(W1, dL_dW1)), matrix(step(W2, dL_dW2)), matrix(new_W3)],
        "new_b": [flat(step(b1, dL_db1)), flat(step(b2, dL_db2)), flat(new_b3)],
    }


def matrix(a):
    return None if a is None else np.asarray(a, dtype=float).tolist()


def flat(a):
    return None if a is None else np.asarray(a, dtype=float).ravel().tolist()


def main():
    np.random.seed(0)
    W1 = np.random.randn(3, 2)
    b1 = np.zeros((1, 2))
    W2 = np.random.randn(2, 2)
    b2 = np.zeros((1, 2))
    W3 = np.random.randn(2, 1)
    b3 = np.zeros((1, 1))
    X = np.random.rand(10, 3)
    y = np.random.rand(10, 1)
    assert X[0, 0] == 0.5680445610939323, "not the original's draw order"

    cases = [student_step(X, y, W1, b1, W2, b2, W3, b3, slip) for slip in SLIPS]
    with open("student_mistakes.json", "w", encoding="utf-8") as f:
        json.dump({"numpy": np.__version__, "lr": LR, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote student_mistakes.json ({len(cases)} cases)")


if __name__ == "__main__":
    main()
