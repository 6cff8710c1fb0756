using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>
/// Lesson 1 writes the original's backward pass out by hand (<c>dL_dy</c> … <c>dL_db1</c>) where the library has one
/// general loop, <see cref="Network.Backward"/>. These tests run lesson 1's lines, the very statements of its train
/// cell (the last test checks that), and compare every gradient with the library's, epoch after epoch.
/// </summary>
public partial class Lesson1LoopTests
{
    /// <summary>Equal up to rounding: the two sum the same products, at most in a different order.</summary>
    private const double Tolerance = 1e-12;

    [Fact]
    public void On_the_original_run_every_epochs_gradients_equal_Network_Backward()
    {
        var problem = RandomProblem.Original();
        var lesson = new Lesson1Step(problem.Network);

        for (var epoch = 0; epoch < 1000; epoch++)
        {
            var library = problem.Network.Backward(problem.Network.Forward(problem.X), problem.Y);
            var loss = problem.Network.LossOn(problem.X, problem.Y);

            var hand = lesson.Step(problem.X, problem.Y, lr: 0.01);

            Assert.Equal(loss, hand.Loss, Tolerance);
            SameGradients(library, hand.Gradients, $"epoch {epoch}");
            problem.Network.Update(library, 0.01);
            SameParameters(problem.Network, lesson, $"after epoch {epoch}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void On_other_draws_the_first_steps_gradients_equal_Network_Backward(long seed)
    {
        var problem = RandomProblem.Draw([3, 2, 2, 1], samples: 25, seed);
        var lesson = new Lesson1Step(problem.Network);

        var hand = lesson.Step(problem.X, problem.Y, lr: 0.01);

        SameGradients(problem.Network.Backward(problem.Network.Forward(problem.X), problem.Y), hand.Gradients, $"seed {seed}");
    }

    [Fact]
    public void A_planted_slip_in_the_hand_written_pass_is_seen_by_the_comparison()
    {
        // The comparison must be able to fail: without relu'(z2) the layer-2 and layer-1 gradients differ.
        var problem = RandomProblem.Original();
        var lesson = new Lesson1Step(problem.Network) { SkipReluDerivativeOfLayer2 = true };

        var hand = lesson.Step(problem.X, problem.Y, lr: 0.01);

        var library = problem.Network.Backward(problem.Network.Forward(problem.X), problem.Y);
        Assert.True(Difference(library.Weights[2], hand.Gradients.Weights[2]) <= Tolerance, "layer 3 is above the slip");
        Assert.True(Difference(library.Weights[1], hand.Gradients.Weights[1]) > 0.01, "dL_dW2 must show the slip");
        Assert.True(Difference(library.Weights[0], hand.Gradients.Weights[0]) > 0.01, "dL_dW1 must show the slip");
    }

    [Fact]
    public void The_lesson_1_train_cell_holds_exactly_these_statements()
    {
        var cell = TrainCell();
        var tested = Statements(Between(File.ReadAllText(ThisFile()), "// lesson 1 begins", "// lesson 1 ends"))
            .Where(statement => !statement.StartsWith("if (SkipReluDerivativeOfLayer2)", StringComparison.Ordinal))
            .ToList();

        var inCell = Statements(cell).SkipWhile(s => !s.StartsWith("var z1 =", StringComparison.Ordinal))
            .Where(s => s != "losses.Add(loss);")
            .Take(tested.Count)
            .ToList();

        Assert.Equal(24, tested.Count);  // 6 forward, the loss, dL_dy, 2 + 4 + 4 gradients, 6 updates
        Assert.Equal(tested, inCell);
    }

    private static void SameGradients(Gradients expected, Gradients actual, string when)
    {
        for (var i = 0; i < 3; i++)
        {
            Same(expected.Weights[i], actual.Weights[i], $"dL_dW{i + 1}, {when}");
            Same(expected.Biases[i].ToRowMatrix(), actual.Biases[i].ToRowMatrix(), $"dL_db{i + 1}, {when}");
        }
    }

    private static void SameParameters(Network expected, Lesson1Step actual, string when)
    {
        Matrix<double>[] weights = [actual.W1, actual.W2, actual.W3];
        Vector<double>[] biases = [actual.b1, actual.b2, actual.b3];
        for (var i = 0; i < 3; i++)
        {
            Same(expected.Weights[i], weights[i], $"W{i + 1}, {when}");
            Same(expected.Biases[i].ToRowMatrix(), biases[i].ToRowMatrix(), $"b{i + 1}, {when}");
        }
    }

    /// <summary>Same shape, and every entry within <see cref="Tolerance"/> of the largest entry (gradients of off units are 0).</summary>
    private static void Same(Matrix<double> expected, Matrix<double> actual, string what)
    {
        Assert.Equal((expected.RowCount, expected.ColumnCount), (actual.RowCount, actual.ColumnCount));
        var difference = Difference(expected, actual);
        Assert.True(difference <= Tolerance, $"{what}: differs by {difference:E2} of its largest entry");
    }

    /// <summary>The largest difference of two same-shaped matrices, relative to the largest entry of <paramref name="expected"/>.</summary>
    private static double Difference(Matrix<double> expected, Matrix<double> actual) =>
        (expected - actual).Enumerate().Max(Math.Abs) / Math.Max(expected.Enumerate().Max(Math.Abs), 1e-300);

    private static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>notebooks/01-backprop.ipynb's code cell that defines <c>train</c>, read from the checkout.</summary>
    private static string TrainCell()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "notebooks", "01-backprop.ipynb")));
        return notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "code")
            .Select(cell => string.Concat(cell.GetProperty("source").EnumerateArray().Select(line => line.GetString())))
            .Single(source => source.Contains("void train(", StringComparison.Ordinal));
    }

    /// <summary>The text between the last <paramref name="start"/> and the <paramref name="end"/> after it (the first ones are in the call above).</summary>
    private static string Between(string text, string start, string end)
    {
        var from = text.LastIndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    /// <summary>The code's statements without comments and with single spaces, one per line that ends in <c>;</c>.</summary>
    private static List<string> Statements(string code) =>
        code.Split('\n')
            .Select(line => Comment().Replace(line, ""))
            .Select(line => Spaces().Replace(line, " ").Trim())
            .Where(line => line.EndsWith(';'))
            .ToList();

    [GeneratedRegex(@"//.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Lesson 1's globals and its four functions, and the body of one epoch of its train loop.</summary>
    private sealed class Lesson1Step(Network start)
    {
        public Matrix<double> W1 { get; private set; } = start.Weights[0].Clone();

        public Matrix<double> W2 { get; private set; } = start.Weights[1].Clone();

        public Matrix<double> W3 { get; private set; } = start.Weights[2].Clone();

        public Vector<double> b1 { get; private set; } = start.Biases[0].Clone();

        public Vector<double> b2 { get; private set; } = start.Biases[1].Clone();

        public Vector<double> b3 { get; private set; } = start.Biases[2].Clone();

        /// <summary>Plants the slip the comparison must catch (leaves <c>relu'(z2)</c> out).</summary>
        public bool SkipReluDerivativeOfLayer2 { get; init; }

        public (double Loss, Gradients Gradients) Step(Matrix<double> X, Matrix<double> y, double lr)
        {
            // lesson 1 begins
            // Forward pass
            var z1 = (X * W1).AddToEachRow(b1);
            var a1 = relu(z1);

            var z2 = (a1 * W2).AddToEachRow(b2);
            var a2 = relu(z2);

            var z3 = (a2 * W3).AddToEachRow(b3);
            var y_pred = z3;

            // Compute loss
            var loss = mse(y, y_pred);

            // Backward pass
            var dL_dy = mse_derivative(y, y_pred);

            // Layer 3
            var dL_dW3 = a2.Transpose() * dL_dy;
            var dL_db3 = dL_dy.SumOfEachColumn();

            // Layer 2
            var dL_da2 = dL_dy * W3.Transpose();
            var dL_dz2 = dL_da2.PointwiseMultiply(relu_derivative(z2));
            if (SkipReluDerivativeOfLayer2) dL_dz2 = dL_da2;
            var dL_dW2 = a1.Transpose() * dL_dz2;
            var dL_db2 = dL_dz2.SumOfEachColumn();

            // Layer 1
            var dL_da1 = dL_dz2 * W2.Transpose();
            var dL_dz1 = dL_da1.PointwiseMultiply(relu_derivative(z1));
            var dL_dW1 = X.Transpose() * dL_dz1;
            var dL_db1 = dL_dz1.SumOfEachColumn();

            // Update weights and biases
            W3 -= lr * dL_dW3;
            b3 -= lr * dL_db3;
            W2 -= lr * dL_dW2;
            b2 -= lr * dL_db2;
            W1 -= lr * dL_dW1;
            b1 -= lr * dL_db1;
            // lesson 1 ends

            return (loss, Gradients.Of(start, [dL_dW1, dL_dW2, dL_dW3], [dL_db1, dL_db2, dL_db3]));
        }

        // The define cell's four functions.
        private static Matrix<double> relu(Matrix<double> x) => Activation.Relu(x);

        private static Matrix<double> relu_derivative(Matrix<double> x) => Activation.ReluDerivative(x);

        private static double mse(Matrix<double> y_true, Matrix<double> y_pred) => Loss.Mse(y_true, y_pred);

        private static Matrix<double> mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => Loss.MseDerivative(y_true, y_pred);
    }
}
