// 01-backprop: generated from 01-backprop.ipynb by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
// notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
//
//     dotnet run notebooks/01-backprop.cs                   prints the lesson's lines, writes notebooks/out/01-backprop.ipynb and .html
//     dotnet run notebooks/01-backprop.cs -- --out FOLDER   writes them to FOLDER instead
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

Lesson.Start("01-backprop.ipynb", args);

Lesson.Cell(4);
var rng = new NumPyRandom(seed: 0);  // np.random.seed(0)
int input_size = 3;
int hidden1_size = 2;
int hidden2_size = 2;
int output_size = 1;
double lr = 0.01;  // learning rate

// Weights and biases
var W1 = rng.Randn(input_size, hidden1_size);      // np.random.randn(input_size, hidden1_size)
var b1 = Vector<double>.Build.Dense(hidden1_size);  // np.zeros((1, hidden1_size))

var W2 = rng.Randn(hidden1_size, hidden2_size);
var b2 = Vector<double>.Build.Dense(hidden2_size);

var W3 = rng.Randn(hidden2_size, output_size);
var b3 = Vector<double>.Build.Dense(output_size);

var initial = new Network([W1, W2, W3], [b1, b2, b3]);  // a copy of the parameters, to compare with after training
display(WeightsTable.Create(initial, "Initial weights (the biases start at 0)"));

Lesson.Cell(6);
// ReLU and its derivative
Matrix<double> relu(Matrix<double> x) => Activation.Relu(x);                       // np.maximum(0, x)
Matrix<double> relu_derivative(Matrix<double> x) => Activation.ReluDerivative(x);  // (x > 0).astype(float)

// Mean Squared Error and its derivative
double mse(Matrix<double> y_true, Matrix<double> y_pred) => Loss.Mse(y_true, y_pred);                              // np.mean((y_true - y_pred) ** 2)
Matrix<double> mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => Loss.MseDerivative(y_true, y_pred);  // 2 * (y_pred - y_true) / y_true.size

// What relu and its derivative do to a few numbers
var z = Matrix<double>.Build.DenseOfRowArrays([-2.0, -0.5, 0.5, 2.0]);
display(Show.Matrices(("z", z), ("relu(z)", relu(z)), ("relu_derivative(z)", relu_derivative(z))));

Lesson.Cell(8);
var losses = new List<double>();  // every epoch's loss, for the chart below

// Training loop
void train(Matrix<double> X, Matrix<double> y, int epochs = 1000)
{
    for (var epoch = 0; epoch < epochs; epoch++)
    {
        // Forward pass
        var z1 = (X * W1).AddToEachRow(b1);  // z1 = X @ W1 + b1
        var a1 = relu(z1);

        var z2 = (a1 * W2).AddToEachRow(b2);  // z2 = a1 @ W2 + b2
        var a2 = relu(z2);

        var z3 = (a2 * W3).AddToEachRow(b3);  // z3 = a2 @ W3 + b3
        var y_pred = z3;  // linear output layer

        // Compute loss
        var loss = mse(y, y_pred);
        losses.Add(loss);

        // Backward pass
        var dL_dy = mse_derivative(y, y_pred);

        // Layer 3
        var dL_dW3 = a2.Transpose() * dL_dy;   // a2.T @ dL_dy
        var dL_db3 = dL_dy.SumOfEachColumn();  // np.sum(dL_dy, axis=0, keepdims=True)

        // Layer 2
        var dL_da2 = dL_dy * W3.Transpose();                           // dL_dy @ W3.T
        var dL_dz2 = dL_da2.PointwiseMultiply(relu_derivative(z2));  // dL_da2 * relu_derivative(z2)
        var dL_dW2 = a1.Transpose() * dL_dz2;                          // a1.T @ dL_dz2
        var dL_db2 = dL_dz2.SumOfEachColumn();                         // np.sum(dL_dz2, axis=0, keepdims=True)

        // Layer 1
        var dL_da1 = dL_dz2 * W2.Transpose();                          // dL_dz2 @ W2.T
        var dL_dz1 = dL_da1.PointwiseMultiply(relu_derivative(z1));  // dL_da1 * relu_derivative(z1)
        var dL_dW1 = X.Transpose() * dL_dz1;                           // X.T @ dL_dz1
        var dL_db1 = dL_dz1.SumOfEachColumn();                         // np.sum(dL_dz1, axis=0, keepdims=True)

        // Update weights and biases
        W3 -= lr * dL_dW3;
        b3 -= lr * dL_db3;
        W2 -= lr * dL_dW2;
        b2 -= lr * dL_db2;
        W1 -= lr * dL_dW1;
        b1 -= lr * dL_db1;

        // Print loss occasionally
        if (epoch % 100 == 0)
            Console.WriteLine(LossLine.Format(epoch, loss));  // print(f"Epoch {epoch}, Loss: {loss:.4f}")
    }
}

Lesson.Cell(10);
var X = rng.Rand(10, 3);  // 10 samples, 3 features
var y = rng.Rand(10, 1);  // 10 target values

train(X, y);

Lesson.Cell(12);
display(LossChart.Create(losses, "Training loss per epoch (learning rate 0.01)"));

Lesson.Cell(14);
var trained = new Network([W1, W2, W3], [b1, b2, b3]);
display(WeightsTable.Create(trained, "Weights and biases after 1000 epochs", withBiases: true));

Lesson.Cell(16);
display(NetworkPicture.Draw(initial, X, sample: 0, y: y, title: "Before training, sample 0"));
display(NetworkPicture.Draw(trained, X, sample: 0, y: y, title: "After 1000 epochs, sample 0"));

Lesson.Cell(19);
Matrix<double> my_relu_derivative(Matrix<double> x)
{
    // TODO: 1 where x > 0, 0 elsewhere, as (x > 0).astype(float)
    throw new NotImplementedException();
}

Lesson.Cell(21);
display(FunctionGrader.ReluDerivative(my_relu_derivative));

Lesson.Cell(24);
Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)
{
    // TODO: the derivative of mse(y_true, y_pred) with respect to each entry of y_pred
    throw new NotImplementedException();
}

Lesson.Cell(25);
display(FunctionGrader.MseDerivative(my_mse_derivative));

Lesson.End();
