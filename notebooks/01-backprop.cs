// 01-backprop: generated from 01-backprop.ipynb by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
// notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
//
//     dotnet run notebooks/01-backprop.cs                   prints the lesson's lines, writes notebooks/out/01-backprop.ipynb and .html
//     dotnet run notebooks/01-backprop.cs -- --out FOLDER   writes them to FOLDER instead
//
// Standard output gets exactly what the lesson prints; standard error says where the lesson went.
// Each Lesson.Cell(n) line marks where cell n of the notebook starts.
#:project ../lib/Backprop.Notebooks/Backprop.Notebooks.csproj

using System.Globalization;
using Backprop;
using Backprop.Charts;
using Backprop.Files;
using Backprop.Notebooks;
using MathNet.Numerics.LinearAlgebra;
using static Backprop.Notebooks.Lesson;

Lesson.Start("01-backprop.ipynb", args);

Lesson.Cell(4);
var rng = new NumPyRandom(seed: 0);  // np.random.seed(0)
int inputSize = 3, hidden1Size = 2, hidden2Size = 2, outputSize = 1;
double lr = 0.01;  // learning rate

// Weights W1, W2, W3 from randn; biases b1, b2, b3 all zero
var network = Network.Create([inputSize, hidden1Size, hidden2Size, outputSize], rng, Initialization.Randn);

display(WeightsTable.Create(network, "Initial weights (the biases start at 0)"));

Lesson.Cell(6);
// ReLU and its derivative
Func<Matrix<double>, Matrix<double>> relu = Activation.Relu;                      // np.maximum(0, x)
Func<Matrix<double>, Matrix<double>> reluDerivative = Activation.ReluDerivative;  // (x > 0).astype(float)

// Mean Squared Error and its derivative
Func<Matrix<double>, Matrix<double>, double> mse = Loss.Mse;                              // np.mean((y_true - y_pred) ** 2)
Func<Matrix<double>, Matrix<double>, Matrix<double>> mseDerivative = Loss.MseDerivative;  // 2 * (y_pred - y_true) / y_true.size

// What relu and its derivative do to a few numbers
var z = Matrix<double>.Build.DenseOfRowArrays([-2.0, -0.5, 0.5, 2.0]);
display(Show.Matrices(("z", z), ("relu(z)", relu(z)), ("reluDerivative(z)", reluDerivative(z))));

Lesson.Cell(8);
List<double> Train(Matrix<double> X, Matrix<double> y, int epochs = 1000)
{
    var losses = new List<double>();
    for (var epoch = 0; epoch < epochs; epoch++)
    {
        // Forward pass: z1, a1, z2, a2, z3 = y_pred
        var forward = network.Forward(X);

        // Compute loss
        var loss = mse(y, forward.Prediction);
        losses.Add(loss);

        // Backward pass: dL_dW3, dL_db3, dL_dW2, dL_db2, dL_dW1, dL_db1
        var gradients = network.Backward(forward, y);

        // Update weights and biases: W -= lr * dL_dW, b -= lr * dL_db
        network.Update(gradients, lr);

        // Print loss occasionally
        if (epoch % 100 == 0)
            Console.WriteLine(LossLine.Format(epoch, loss));  // f"Epoch {epoch}, Loss: {loss:.4f}"
    }

    return losses;
}

Lesson.Cell(10);
var X = rng.Rand(10, 3);  // 10 samples, 3 features
var y = rng.Rand(10, 1);  // 10 target values

var losses = Train(X, y);

Lesson.Cell(12);
display(LossChart.Create(losses, "Training loss per epoch (learning rate 0.01)"));

Lesson.Cell(14);
display(WeightsTable.Create(network, "Weights after 1000 epochs"));

Lesson.End();
