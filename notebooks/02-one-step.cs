// Lesson 2, one training step dissected: the notebook 02-one-step.ipynb as a console program, step by step, for
// machines without notebook support (.NET 10 or later). From the repository root:
//
//     dotnet run notebooks/02-one-step.cs
//
// It prints every matrix, the loss before and after the step, and the gradient checks as text tables.
#:project ../lib/Backprop/Backprop.csproj
#:project ../lib/Backprop.Notebooks/Backprop.Notebooks.csproj

using Backprop;
using Backprop.Notebooks;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;

Formatters.Register();  // the same tables as the notebook, as text

// The network and the data, exactly as in lesson 1
var rng = new NumPyRandom(seed: 0);                                       // np.random.seed(0)
var network = Network.Create([3, 2, 2, 1], rng, Initialization.Randn);   // W1, W2, W3 from randn; b1, b2, b3 zero
var X = rng.Rand(10, 3);                                                  // 10 samples, 3 features
var y = rng.Rand(10, 1);                                                  // 10 targets
double lr = 0.01;                                                         // learning rate
Section("The network and the data");
Display(network);

var (W1, W2, W3) = (network.Weights[0], network.Weights[1], network.Weights[2]);
var (b1, b2, b3) = (network.Biases[0], network.Biases[1], network.Biases[2]);

// Forward pass, matrix by matrix: Z1 = X W1 + b1, A1 = relu(Z1), and so on
Section("Forward pass");
var z1 = (X * W1).AddToEachRow(b1);   // z1 = X @ W1 + b1     (10×3)·(3×2) → 10×2
var a1 = Activation.Relu(z1);         // a1 = relu(z1)         10×2
Display(Show.Matrices(("X", X), ("W1", W1), ("b1", b1), ("z1", z1), ("a1", a1)));

var z2 = (a1 * W2).AddToEachRow(b2);  // z2 = a1 @ W2 + b2     (10×2)·(2×2) → 10×2
var a2 = Activation.Relu(z2);         // a2 = relu(z2)         10×2
Display(Show.Matrices(("W2", W2), ("b2", b2), ("z2", z2), ("a2", a2)));

var z3 = (a2 * W3).AddToEachRow(b3);  // z3 = a2 @ W3 + b3     (10×2)·(2×1) → 10×1
var yPred = z3;                       // y_pred = z3 (linear output layer)
Display(Show.Matrices(("W3", W3), ("b3", b3), ("y_pred", yPred), ("y", y)));

// The loss: L = mean((y_pred - y)^2)
Section("The loss");
var loss = Loss.Mse(y, yPred);               // np.mean((y - y_pred) ** 2)
Console.WriteLine(LossLine.Format(0, loss));  // as lesson 1 prints it

// Backward pass, gradient by gradient (the chain rule, from the loss back to the first layer)
Section("Backward pass");
var dL_dy = Loss.MseDerivative(y, yPred);  // dL/dY_pred = 2 (Y_pred - Y) / N; the output is linear, so also dL/dZ3
Display(Show.Matrices(("dL_dy", dL_dy)));

var dL_dW3 = a2.Transpose() * dL_dy;   // dL/dW3 = A2ᵀ dL/dZ3        (2×10)·(10×1) → 2×1, like W3
var dL_db3 = dL_dy.SumOfEachColumn();  // dL/db3 = Σ_n dL/dZ3[n, :]                 → 1×1, like b3
Display(Show.Matrices(("dL_dW3", dL_dW3), ("dL_db3", dL_db3)));

var dL_da2 = dL_dy * W3.Transpose();                                   // dL/dA2 = dL/dZ3 W3ᵀ             10×2
var dL_dz2 = dL_da2.PointwiseMultiply(Activation.ReluDerivative(z2));  // dL/dZ2 = dL/dA2 ⊙ relu'(Z2)     10×2
var dL_dW2 = a1.Transpose() * dL_dz2;                                  // dL/dW2 = A1ᵀ dL/dZ2             2×2, like W2
var dL_db2 = dL_dz2.SumOfEachColumn();                                 // dL/db2 = Σ_n dL/dZ2[n, :]      1×2, like b2
Display(Show.Matrices(("dL_da2", dL_da2), ("relu'(z2)", Activation.ReluDerivative(z2)), ("dL_dz2", dL_dz2)));
Display(Show.Matrices(("dL_dW2", dL_dW2), ("dL_db2", dL_db2)));

var dL_da1 = dL_dz2 * W2.Transpose();                                  // dL/dA1 = dL/dZ2 W2ᵀ             10×2
var dL_dz1 = dL_da1.PointwiseMultiply(Activation.ReluDerivative(z1));  // dL/dZ1 = dL/dA1 ⊙ relu'(Z1)     10×2
var dL_dW1 = X.Transpose() * dL_dz1;                                   // dL/dW1 = Xᵀ dL/dZ1              3×2, like W1
var dL_db1 = dL_dz1.SumOfEachColumn();                                 // dL/db1 = Σ_n dL/dZ1[n, :]      1×2, like b1
Display(Show.Matrices(("dL_dz1", dL_dz1), ("dL_dW1", dL_dW1), ("dL_db1", dL_db1)));

// Same as the library?
Section("Same as the library?");
var byHand = Gradients.Of(network, [dL_dW1, dL_dW2, dL_dW3], [dL_db1, dL_db2, dL_db3]);
var library = network.Backward(network.Forward(X), y);
for (var layer = 0; layer < 3; layer++)
{
    var dW = (byHand.Weights[layer] - library.Weights[layer]).Enumerate().Max(Math.Abs);
    var db = (byHand.Biases[layer] - library.Biases[layer]).AbsoluteMaximum();
    Console.WriteLine($"Layer {layer + 1}: largest difference in dL_dW{layer + 1} {dW:G3}, in dL_db{layer + 1} {db:G3}");
}

// The update: W -= lr * dL_dW, b -= lr * dL_db, into a new network so that `network` stays as it was
Section("The update");
var stepped = new Network(
    [W1 - (lr * dL_dW1), W2 - (lr * dL_dW2), W3 - (lr * dL_dW3)],
    [b1 - (lr * dL_db1), b2 - (lr * dL_db2), b3 - (lr * dL_db3)]);
Display(stepped);

// The loss after the step
Section("The loss after the step");
var lossAfter = stepped.LossOn(X, y);
Console.WriteLine($"Before the step: {LossLine.Format(0, loss)}");
Console.WriteLine($"After the step:  {LossLine.Format(1, lossAfter)}  (change {lossAfter - loss:+0.000000;-0.000000})");
var twoEpochs = Trainer.Train(network.Clone(), X, y, epochs: 2, learningRate: lr);  // lesson 1's loop, two epochs
Console.WriteLine($"Epoch 1 loss, our step:        {lossAfter:F12}");
Console.WriteLine($"Epoch 1 loss, lesson 1's loop: {twoEpochs[1]:F12}");

// The gradient check: backprop against central differences, (L(θ + h) - L(θ - h)) / 2h
Section("The gradient check (h = 1e-5)");
Display(GradientCheck.Run(network, X, y, gradients: byHand));

Section("A coarse nudge (h = 0.01) crosses a ReLU kink");
Display(GradientCheck.Run(network, X, y, step: 0.01, gradients: byHand));

// A planted bug: forgetting the ReLU derivative in layer 2
Section("A planted bug: dL_dz2 = dL_da2, forgetting relu'(z2)");
var bad_dz2 = dL_da2;                                                     // BUG: should be dL_da2 * relu'(z2)
var bad_dW2 = a1.Transpose() * bad_dz2;
var bad_db2 = bad_dz2.SumOfEachColumn();
var bad_dz1 = (bad_dz2 * W2.Transpose()).PointwiseMultiply(Activation.ReluDerivative(z1));
var bad_dW1 = X.Transpose() * bad_dz1;
var bad_db1 = bad_dz1.SumOfEachColumn();
var buggy = Gradients.Of(network, [bad_dW1, bad_dW2, dL_dW3], [bad_db1, bad_db2, dL_db3]);
Display(GradientCheck.Run(network, X, y, gradients: buggy));

// What a notebook cell shows, as text.
static void Display(object value) => Console.WriteLine(value.ToDisplayString(PlainTextFormatter.MimeType) + "\n");

static void Section(string title) => Console.WriteLine($"== {title} ==\n");
