# The original notebook's code cells, top to bottom (shared/seed/000_13080b0dda9c11d5.txt), as one script:
# what `python3` runs in the whole-run comparison of bench/run.sh. The notebook's first cell also imports
# pandas and matplotlib, which it never uses; they are left out here (that only makes Python's run shorter).
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
