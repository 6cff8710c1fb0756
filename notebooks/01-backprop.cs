// Lesson 1, backpropagation: the notebook 01-backprop.ipynb as a console program, step by step, for machines
// without notebook support (.NET 10 or later). From the repository root:
//
//     dotnet run notebooks/01-backprop.cs                   prints the ten loss lines, writes the chart page
//     dotnet run notebooks/01-backprop.cs -- --offline      the same, with plotly.js inside the page (no internet needed)
//     dotnet run notebooks/01-backprop.cs -- --out FILE     writes the chart page to FILE
//
// Standard output gets exactly the ten "Epoch N, Loss: x.xxxx" lines; the chart page's path goes to standard error.
#:project ../lib/Backprop/Backprop.csproj
#:project ../lib/Backprop.Charts/Backprop.Charts.csproj

using Backprop;
using Backprop.Charts;
using MathNet.Numerics.LinearAlgebra;

// Initialize parameters: np.random.seed(0), the sizes, the learning rate
var rng = new NumPyRandom(seed: 0);
int inputSize = 3, hidden1Size = 2, hidden2Size = 2, outputSize = 1;
double lr = 0.01;  // learning rate

// Weights W1, W2, W3 from randn; biases b1, b2, b3 all zero
var network = Network.Create([inputSize, hidden1Size, hidden2Size, outputSize], rng, Initialization.Randn);

// ReLU and its derivative (the network's passes use them)
Func<Matrix<double>, Matrix<double>> relu = Activation.Relu;                      // np.maximum(0, x)
Func<Matrix<double>, Matrix<double>> reluDerivative = Activation.ReluDerivative;  // (x > 0).astype(float)

// Mean Squared Error and its derivative
Func<Matrix<double>, Matrix<double>, double> mse = Loss.Mse;                              // np.mean((y_true - y_pred) ** 2)
Func<Matrix<double>, Matrix<double>, Matrix<double>> mseDerivative = Loss.MseDerivative;  // 2 * (y_pred - y_true) / y_true.size

// Run it: example data from the same generator, right after the weights, as in NumPy
var X = rng.Rand(10, 3);  // 10 samples, 3 features
var y = rng.Rand(10, 1);  // 10 target values

var losses = Train(X, y);

// The loss, epoch by epoch, as a chart page
var chart = LossChart.Create(losses, "Training loss per epoch (learning rate 0.01)");
var page = ChartFile.Save(chart, ChartPath(args), embedPlotlyJs: args.Contains("--offline"));
Console.Error.WriteLine($"Loss chart written to {page}");

// Training loop
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
        {
            Console.WriteLine(LossLine.Format(epoch, loss));  // f"Epoch {epoch}, Loss: {loss:.4f}"
        }
    }

    return losses;
}

// The page goes where --out says, or next to this file.
static string ChartPath(string[] args)
{
    var option = Array.IndexOf(args, "--out");
    if (option >= 0 && option + 1 < args.Length)
    {
        return args[option + 1];
    }

    var folder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;
    return Path.Combine(folder, "01-backprop-loss.html");
}
