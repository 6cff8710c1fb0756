// 02-one-step: generated from 02-one-step.ipynb by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
// notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
//
//     dotnet run notebooks/02-one-step.cs                   prints the lesson's lines, writes notebooks/out/02-one-step.ipynb and .html
//     dotnet run notebooks/02-one-step.cs -- --out FOLDER   writes them to FOLDER instead
//
// Standard output gets exactly what the lesson prints; standard error says where the lesson went.
// Each Lesson.Cell(n) line marks where cell n of the notebook starts.
#:project ../lib/Backprop.Notebooks.Tools/Backprop.Notebooks.Tools.csproj

using System.Globalization;
using Backprop;
using Backprop.Charts;
using Backprop.Files;
using Backprop.Grading;
using Backprop.Notebooks;
using Backprop.Pictures;
using MathNet.Numerics.LinearAlgebra;
using static Backprop.Notebooks.Lesson;

Lesson.Start("02-one-step.ipynb", args);

Lesson.Cell(4);
var rng = new NumPyRandom(seed: 0);                                       // np.random.seed(0)
var network = Network.Create([3, 2, 2, 1], rng, Initialization.Randn);   // W1, W2, W3 from randn; b1, b2, b3 zero
var X = rng.Rand(10, 3);                                                  // 10 samples, 3 features
var y = rng.Rand(10, 1);                                                  // 10 targets
double lr = 0.01;                                                         // learning rate

display(network);

Lesson.Cell(6);
var (W1, W2, W3) = (network.Weights[0], network.Weights[1], network.Weights[2]);
var (b1, b2, b3) = (network.Biases[0], network.Biases[1], network.Biases[2]);

Lesson.Cell(8);
var z1 = (X * W1).AddToEachRow(b1);   // z1 = X @ W1 + b1     (10×3)·(3×2) → 10×2
var a1 = Activation.Relu(z1);         // a1 = relu(z1)         10×2

display(Show.Matrices(("X", X), ("W1", W1), ("b1", b1), ("z1", z1), ("a1", a1)));

Lesson.Cell(10);
var z2 = (a1 * W2).AddToEachRow(b2);  // z2 = a1 @ W2 + b2     (10×2)·(2×2) → 10×2
var a2 = Activation.Relu(z2);         // a2 = relu(z2)         10×2

display(Show.Matrices(("a1", a1), ("W2", W2), ("b2", b2), ("z2", z2), ("a2", a2)));

Lesson.Cell(12);
var z3 = (a2 * W3).AddToEachRow(b3);  // z3 = a2 @ W3 + b3     (10×2)·(2×1) → 10×1
var y_pred = z3;                       // y_pred = z3 (linear output layer)

display(Show.Matrices(("a2", a2), ("W3", W3), ("b3", b3), ("y_pred", y_pred), ("y", y)));

Lesson.Cell(14);
var loss = Loss.Mse(y, y_pred);               // np.mean((y - y_pred) ** 2)
Console.WriteLine(LossLine.Format(0, loss));  // as lesson 1 prints it

Lesson.Cell(16);
var dL_dy = Loss.MseDerivative(y, y_pred);  // 2 * (y_pred - y) / y.size      10×1

display(Show.Matrices(("y_pred", y_pred), ("y", y), ("dL_dy", dL_dy)));

Lesson.Cell(18);
var dL_dW3 = a2.Transpose() * dL_dy;  // a2.T @ dL_dy        (2×10)·(10×1) → 2×1, like W3
var dL_db3 = dL_dy.SumOfEachColumn(); // np.sum(dL_dy, axis=0)              → 1×1, like b3

display(Show.Matrices(("dL_dW3", dL_dW3), ("dL_db3", dL_db3)));

Lesson.Cell(20);
var dL_da2 = dL_dy * W3.Transpose();                                   // dL_dy @ W3.T     (10×1)·(1×2) → 10×2
var dL_dz2 = dL_da2.PointwiseMultiply(Activation.ReluDerivative(z2));  // dL_da2 * relu_derivative(z2)  10×2

display(Show.Matrices(("dL_da2", dL_da2), ("relu'(z2)", Activation.ReluDerivative(z2)), ("dL_dz2", dL_dz2)));

Lesson.Cell(21);
var dL_dW2 = a1.Transpose() * dL_dz2;   // a1.T @ dL_dz2     (2×10)·(10×2) → 2×2, like W2
var dL_db2 = dL_dz2.SumOfEachColumn();  // np.sum(dL_dz2, axis=0)        → 1×2, like b2

display(Show.Matrices(("dL_dW2", dL_dW2), ("dL_db2", dL_db2)));

Lesson.Cell(23);
var dL_da1 = dL_dz2 * W2.Transpose();                                  // dL_dz2 @ W2.T    (10×2)·(2×2) → 10×2
var dL_dz1 = dL_da1.PointwiseMultiply(Activation.ReluDerivative(z1));  // dL_da1 * relu_derivative(z1)  10×2
var dL_dW1 = X.Transpose() * dL_dz1;                                   // X.T @ dL_dz1     (3×10)·(10×2) → 3×2, like W1
var dL_db1 = dL_dz1.SumOfEachColumn();                                 // np.sum(dL_dz1, axis=0)       → 1×2, like b1

display(Show.Matrices(("dL_dz1", dL_dz1), ("dL_dW1", dL_dW1), ("dL_db1", dL_db1)));

Lesson.Cell(25);
var relu_z1 = Activation.ReluDerivative(z1);  // relu'(z1): 1 where a unit of layer 1 was on, 0 where it was off
var relu_z2 = Activation.ReluDerivative(z2);

// The local derivatives along the path from W1[0,0] to the loss, for sample n, through unit k of layer 2
double[] Factors(int n, int k) => [X[n, 0], relu_z1[n, 0], W2[0, k], relu_z2[n, k], W3[k, 0], dL_dy[n, 0]];
double Path(int n, int k) => Factors(n, k).Aggregate(1.0, (product, factor) => product * factor);

string Number(double value) => value.ToString("0.########");
display(string.Join("\n",
    "Sample 0, the two paths from W1[0,0] to the loss:",
    "          X[0,0] × relu'(z1[0,0]) × W2[0,k] × relu'(z2[0,k]) × W3[k,0] × dL_dy[0,0]",
    $"  k = 0:  {string.Join(" × ", Factors(0, 0).Select(Number))} = {Number(Path(0, 0))}",
    $"  k = 1:  {string.Join(" × ", Factors(0, 1).Select(Number))} = {Number(Path(0, 1))}",
    $"  both paths: {Number(Path(0, 0))} + {Number(Path(0, 1))} = {Number(Path(0, 0) + Path(0, 1))}"));

Lesson.Cell(27);
string Term(int n, int k) => relu_z1[n, 0] * relu_z2[n, k] == 0 ? "0 (off)" : Number(Path(n, k));
string Precise(double value) => value.ToString("F12");
var bySample = Enumerable.Range(0, 10).Select(n => Path(n, 0) + Path(n, 1)).ToArray();
var library = network.Backward(network.Forward(X), y);  // the library's backward pass, for comparison

display(string.Join("\n",
    bySample.Select((sum, n) => $"sample {n}:  {Term(n, 0),11} + {Term(n, 1),-11} = {Number(sum)}")
    .Append($"sum over the 10 samples:          {Precise(bySample.Sum())}")
    .Append($"dL_dW1[0,0] = (X.T @ dL_dz1)[0,0]: {Precise(dL_dW1[0, 0])}")
    .Append($"Network.Backward's dL_dW1[0,0]:    {Precise(library.Weights[0][0, 0])}")));

Lesson.Cell(30);
var byHand = Gradients.Of(network, [dL_dW1, dL_dW2, dL_dW3], [dL_db1, dL_db2, dL_db3]);

for (var layer = 0; layer < 3; layer++)
{
    var dW = (byHand.Weights[layer] - library.Weights[layer]).Enumerate().Max(Math.Abs);
    var db = (byHand.Biases[layer] - library.Biases[layer]).AbsoluteMaximum();
    Console.WriteLine($"Layer {layer + 1}: largest difference in dL_dW{layer + 1} {dW:G3}, in dL_db{layer + 1} {db:G3}");
}

Lesson.Cell(32);
display(ComputationGraphPicture.Draw(network, X, y, sample: 1));

Lesson.Cell(34);
(Matrix<double>? dL_da2, Matrix<double>? dL_dz2, Matrix<double>? dL_dW2, Vector<double>? dL_db2,
 Matrix<double>? dL_da1, Matrix<double>? dL_dz1, Matrix<double>? dL_dW1, Vector<double>? dL_db1)
    LayersTwoAndOne(Matrix<double> X, Matrix<double> z1, Matrix<double> a1, Matrix<double> z2,
                    Matrix<double> W2, Matrix<double> W3, Matrix<double> dL_dy)
{
    // Layer 2
    Matrix<double>? dL_da2 = null;
    Matrix<double>? dL_dz2 = null;
    Matrix<double>? dL_dW2 = null;
    Vector<double>? dL_db2 = null;

    // Layer 1
    Matrix<double>? dL_da1 = null;
    Matrix<double>? dL_dz1 = null;
    Matrix<double>? dL_dW1 = null;
    Vector<double>? dL_db1 = null;

    return (dL_da2, dL_dz2, dL_dW2, dL_db2, dL_da1, dL_dz1, dL_dW1, dL_db1);
}

Lesson.Cell(35);
// A wider network, drawn as the original is: seed, weights, then X and y
var wide = RandomProblem.Draw([3, 4, 3, 1], samples: 10, seed: 1);
var wideForward = wide.Network.Forward(wide.X);
var wide_dL_dy = Loss.MseDerivative(wide.Y, wideForward.Prediction);
var yours = LayersTwoAndOne(wide.X, wideForward.PreActivations[0], wideForward.Activations[0], wideForward.PreActivations[1],
                            wide.Network.Weights[1], wide.Network.Weights[2], wide_dL_dy);

var layer3 = wide.Network.Backward(wideForward, wide.Y);  // layer 3 is given: it is not part of the exercise
display(BackwardGrader.Check(wide.Network, wide.X, wide.Y,
    dL_dW: [yours.dL_dW1, yours.dL_dW2, layer3.Weights[2]],
    dL_db: [yours.dL_db1, yours.dL_db2, layer3.Biases[2]],
    dL_dz: [yours.dL_dz1, yours.dL_dz2],
    dL_da: [yours.dL_da1, yours.dL_da2]));

Lesson.Cell(38);
var stepped = new Network(
    [W1 - lr * dL_dW1, W2 - lr * dL_dW2, W3 - lr * dL_dW3],   // W -= lr * dL_dW
    [b1 - lr * dL_db1, b2 - lr * dL_db2, b3 - lr * dL_db3]);  // b -= lr * dL_db

display(stepped);

Lesson.Cell(40);
var lossAfter = stepped.LossOn(X, y);
Console.WriteLine($"Before the step: {LossLine.Format(0, loss)}");
Console.WriteLine($"After the step:  {LossLine.Format(1, lossAfter)}  (change {lossAfter - loss:+0.000000;-0.000000})");

var twoEpochs = Trainer.Train(network.Clone(), X, y, epochs: 2, learningRate: lr);  // lesson 1's loop, two epochs
Console.WriteLine($"Epoch 1 loss, our step:        {lossAfter:F12}");
Console.WriteLine($"Epoch 1 loss, lesson 1's loop: {twoEpochs[1]:F12}");

Lesson.Cell(42);
display(GradientCheck.Run(network, X, y, gradients: byHand));  // our hand-written gradients, judged parameter by parameter

Lesson.Cell(44);
display(GradientCheck.Run(network, X, y, step: 0.01, gradients: byHand));

Lesson.Cell(47);
string[] predictedWrong = [];  // for example ["W3", "b3"]

Lesson.Cell(48);
var bad_dz2 = dL_da2;                                                     // BUG: should be dL_da2 * relu'(z2)
var bad_dW2 = a1.Transpose() * bad_dz2;
var bad_db2 = bad_dz2.SumOfEachColumn();
var bad_dz1 = (bad_dz2 * W2.Transpose()).PointwiseMultiply(Activation.ReluDerivative(z1));
var bad_dW1 = X.Transpose() * bad_dz1;
var bad_db1 = bad_dz1.SumOfEachColumn();

var buggy = Gradients.Of(network, [bad_dW1, bad_dW2, dL_dW3], [bad_db1, bad_db2, dL_db3]);
var buggyCheck = GradientCheck.Run(network, X, y, gradients: buggy);
display(buggyCheck);

Lesson.Cell(49);
display(PredictionGrader.Check(predictedWrong, buggyCheck));

Lesson.End();
