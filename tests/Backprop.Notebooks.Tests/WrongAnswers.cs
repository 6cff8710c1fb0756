using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// Typical wrong answers to every exercise of the lessons, as students give them, and what each check must say about
/// them. Most are the lesson's solution with one mistake put in (<see cref="Mutate"/>), so that they compile as a
/// student's almost-right cell does.
/// </summary>
internal static class WrongAnswers
{
    /// <summary>The attempts for <paramref name="lesson"/>.</summary>
    public static IReadOnlyList<Attempt> Of(string lesson) => lesson switch
    {
        L1 => Lesson1,
        L2 => Lesson2(),
        L3 => Lesson3(),
        L4 => Lesson4,
        _ => throw new ArgumentException($"No wrong answers for {lesson}", nameof(lesson)),
    };

    /// <summary>
    /// Which code cells outside the exercises a trial of <paramref name="lesson"/> keeps: those its exercises and checks
    /// need (lesson 3's charts and long trainings are left out: its whole run takes about a minute).
    /// </summary>
    public static Func<string, bool> Needed(string lesson) => lesson switch
    {
        L1 => _ => false,
        L3 => source => source.Contains("RandomProblem.Original()", StringComparison.Ordinal)
            || source.Contains("int DeadInLayer2(", StringComparison.Ordinal)
            || source.Contains("CsvDataset.Load(", StringComparison.Ordinal)
            || source.Contains("data.Split(", StringComparison.Ordinal),
        _ => _ => true,
    };

    private const string L1 = "01-backprop.ipynb", L2 = "02-one-step.ipynb", L3 = "03-experiments.ipynb", L4 = "04-autograd.ipynb";

    private const string Relu = "Matrix<double> my_relu_derivative(Matrix<double> x)";
    private const string Mse = "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)";

    private static readonly Attempt[] Lesson1 =
    [
        new(1, "relu itself", $"{Relu} => x.Map(v => Math.Max(0, v));", "returns relu(x) = max(0, x) itself"),
        new(1, "1 at exactly 0", $"{Relu} => x.Map(v => v >= 0 ? 1.0 : 0.0);", "my_relu_derivative(0) should be 0, not 1"),
        new(1, "in place", $"{Relu}\n{{\n    x.MapInplace(v => v > 0 ? 1.0 : 0.0);\n    return x;\n}}", "my_relu_derivative changed x"),
        new(1, "throws", $"{Relu} => throw new InvalidOperationException(\"not like this\");", "threw"),
        new(1, "null", $"{Relu} => null;", "returned null"),
        new(1, "endless loop", $"{Relu}\n{{\n    while (x != null) {{ }}\n    return x;\n}}", "did not finish in 5 s: an endless loop?"),
        new(1, "endless recursion", $"{Relu} => my_relu_derivative(x);", "can call itself"),
        new(1, "transposed", $"{Relu} => x.Transpose().Map(v => v > 0 ? 1.0 : 0.0);"),
        new(1, "threshold", $"{Relu} => x.Map(v => v > 0.2 ? 1.0 : 0.0);", "should be 1, not 0"),
        new(2, "integer division", $"{Mse}\n{{\n    int size = y_true.RowCount * y_true.ColumnCount;\n    return 2 / size * (y_pred - y_true);\n}}", "integer division"),
        new(2, "wrong sign", $"{Mse} => 2 * (y_true - y_pred) / (y_true.RowCount * y_true.ColumnCount);", "wrong sign"),
        new(2, "no factor 2", $"{Mse} => (y_pred - y_true) / (y_true.RowCount * y_true.ColumnCount);", "the 2 from the square is missing"),
        new(2, "rows, not entries", $"{Mse} => 2 * (y_pred - y_true) / y_true.RowCount;", "divides by the rows"),
        new(2, "in place on y_pred", $"{Mse}\n{{\n    y_pred.Subtract(y_true, y_pred);\n    y_pred.Multiply(2.0 / (y_true.RowCount * y_true.ColumnCount), y_pred);\n    return y_pred;\n}}", "my_mse_derivative changed y_pred"),
        new(2, "throws", $"{Mse} => throw new ArgumentException(\"y_pred\");", "threw"),
        new(2, "null", $"{Mse} => null;", "returned null"),
        new(2, "endless loop", $"{Mse}\n{{\n    for (var i = 0; i >= 0; i += 0) {{ }}\n    return y_pred;\n}}", "did not finish in 5 s: an endless loop?"),
    ];

    private static Attempt[] Lesson2() =>
    [
        new(1, "missing transpose, shapes do not fit", Mutate(L2, 1, "dL_dy * W3.Transpose()", "dL_dy * W3"), "stopped with a shape error"),
        new(1, "missing transpose in layer 1", Mutate(L2, 1, "dL_dz2 * W2.Transpose()", "dL_dz2 * W2"), "stopped with a shape error"),
        new(1, "relu' left out", Mutate(L2, 1, "dL_da2.PointwiseMultiply(Activation.ReluDerivative(z2))", "dL_da2"), "relu'(z2) left out"),
        new(1, "z2 changed in place", Mutate(L2, 1, "Matrix<double> dL_dz2 = dL_da2.PointwiseMultiply(Activation.ReluDerivative(z2));",
            "z2.MapInplace(v => v > 0 ? 1.0 : 0.0);\n    Matrix<double> dL_dz2 = dL_da2.PointwiseMultiply(z2);")),
        new(1, "sum over the wrong axis", Mutate(L2, 1, "Vector<double> dL_db2 = dL_dz2.SumOfEachColumn();", "Vector<double> dL_db2 = dL_dz2.RowSums();"), "dL_db2"),
        new(1, "wrong sign", Mutate(L2, 1, "X.Transpose() * dL_dz1", "-(X.Transpose() * dL_dz1)"), "dL_dW1"),
        new(1, "throws", Mutate(L2, 1, "dL_dy * W3.Transpose()", "dL_dy * W3.Transpose().Inverse()"), "threw"),
        new(1, "endless loop", Mutate(L2, 1, "    // Layer 1", "    while (dL_dy != null) { }\n\n    // Layer 1"), "did not finish in 5 s: an endless loop?"),
        new(1, "one line still null", Mutate(L2, 1, "Matrix<double> dL_dW1 = X.Transpose() * dL_dz1;", "Matrix<double> dL_dW1 = null;"), "dL_dW1"),
        new(2, "layer 3", "string[] predictedWrong = [\"W3\", \"b3\"];", "you listed it as wrong"),
        new(2, "layer 2 only", "string[] predictedWrong = [\"W2\", \"b2\"];", "not in your list"),
        new(2, "one too many", "string[] predictedWrong = [\"W2\", \"b2\", \"W1\", \"b1\", \"W3\"];", "you listed it as wrong"),
        new(2, "null", "string[] predictedWrong = null;"),
        new(2, "not parameter names", "string[] predictedWrong = [\"layer 2\", \"dL_dz2\"];"),
        Attempt.RightAnswer(2, "other case and spaces", "string[] predictedWrong = [\"w2\", \" B2\", \"W1 \", \"b1\"];"),
    ];

    private static Attempt[] Lesson3() =>
    [
        new(1, "diverges", "double? largestSafeRate = 5;", "training diverges"),
        new(1, "a unit dies", "double? largestSafeRate = 0.3;", "go lower"),
        new(1, "not a multiple of 0.01", "double? largestSafeRate = 0.015;", "a multiple of 0.01 above 0"),
        new(1, "negative", "double? largestSafeRate = -0.1;", "a multiple of 0.01 above 0"),
        new(1, "not a number", "double? largestSafeRate = double.NaN;", "a multiple of 0.01 above 0"),
        new(1, "too low", "double? largestSafeRate = 0.01;", "go higher"),
        new(1, "integer division", "double? largestSafeRate = 1 / 10;", "largestSafeRate is 0"),
        new(2, "statistics from the test days", Mutate(L3, 2, "Standardization.Fit(XTrain).Apply(XTrain)", "Standardization.Fit(XTest).Apply(XTrain)")),
        new(2, "features not scaled", Mutate(L3, 2, "Standardization.Fit(XTrain).Apply(XTrain)", "XTrain"), "is XTrain itself, not scaled"),
        new(2, "wrong shape", Mutate(L3, 2, "Standardization.Fit(XTrain).Apply(XTrain)", "Standardization.Fit(XTrain).Apply(XTrain).SubMatrix(0, 100, 0, 4)")),
        new(2, "target still null", Mutate(L3, 2, "Standardization.Fit(yTrain).Apply(yTrain)", "null")),
        new(2, "answer a", Mutate(L3, 2, "'b'", "'a'")),
        new(2, "not a choice", Mutate(L3, 2, "'b'", "'d'")),
        Attempt.RightAnswer(2, "upper case", Mutate(L3, 2, "'b'", "'B'")),
    ];

    private const string Leaky = "Value LeakyRelu(Value z)";

    private static readonly Attempt[] Lesson4 =
    [
        new(1, "layer 1 only", "string[] zeroGradients = [\"W1[0,1]\", \"W1[1,1]\", \"W1[2,1]\", \"b1[1]\"];", "missing"),
        new(1, "one with a gradient", "string[] zeroGradients = [\"W1[0,1]\", \"W1[1,1]\", \"W1[2,1]\", \"b1[1]\", \"W2[1,0]\", \"W2[1,1]\", \"W2[0,1]\", \"b2[1]\", \"W3[1,0]\", \"W3[0,0]\"];", "these have a gradient: W3[0,0]"),
        new(1, "null", "string[] zeroGradients = null;"),
        new(1, "not written as the picture writes them", "string[] zeroGradients = [\"W1[0][1]\", \"b1(1)\"];"),
        new(1, "index out of range", "string[] zeroGradients = [\"W1[5,1]\"];", "indices count from 0"),
        Attempt.RightAnswer(1, "other case and spaces", "string[] zeroGradients = [\"w1[0, 1]\", \"W1[1, 1]\", \"W1[2,1]\", \"B1[1]\", \"W2[1,0]\", \"W2[1,1]\", \"W2[0,1]\", \"b2[1]\", \"W3[1,0]\"];"),
        new(2, "plain ReLU", $"{Leaky} => z.Relu();"),
        new(2, "a constant below 0", $"{Leaky} => z.Data > 0 ? z : new Value(0.01 * z.Data);", "build the output from z"),
        new(2, "1.01 z above 0", $"{Leaky} => 0.01 * z + z.Relu();"),
        new(2, "throws", $"{Leaky} => throw new InvalidOperationException(\"no idea\");", "threw"),
        new(2, "endless loop", $"{Leaky}\n{{\n    while (z != null) {{ }}\n    return z;\n}}", "did not finish in 5 s: an endless loop?"),
        new(2, "endless recursion", $"{Leaky} => LeakyRelu(z);", "can call itself"),
        new(2, "Environment.Exit", $"{Leaky}\n{{\n    Environment.Exit(1);\n    return z;\n}}", "Environment.Exit"),
        Attempt.RightAnswer(2, "another formula", $"{Leaky} => z.Relu() - 0.01 * (0 - z).Relu();"),
    ];

    /// <summary>The solution of exercise <paramref name="exercise"/> of <paramref name="lesson"/>, with <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    public static string Mutate(string lesson, int exercise, string from, string to)
    {
        var teacher = NotebookFile.Load(Path.Combine(Repository.Notebooks, lesson));
        var solution = Exercises.Solved(teacher, lesson).Cells.OfType<JsonObject>()
            .Where(cell => NotebookFile.HasTag(cell, Exercises.ExerciseTag)).Select(NotebookFile.Source).ElementAt(exercise - 1);
        Assert.True(solution.Contains(from, StringComparison.Ordinal), $"{lesson}, exercise {exercise}: the solution has no `{from}`");
        return solution.Replace(from, to, StringComparison.Ordinal);
    }
}
