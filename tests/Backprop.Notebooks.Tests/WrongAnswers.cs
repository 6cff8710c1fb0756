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
        "01-backprop.ipynb" => Lesson1,
        _ => [],
    };

    /// <summary>Which code cells outside the exercises a trial of <paramref name="lesson"/> keeps: those its checks need.</summary>
    public static Func<string, bool> Needed(string lesson) => lesson switch
    {
        "01-backprop.ipynb" => _ => false,
        _ => _ => true,
    };

    private static readonly Attempt[] Lesson1 =
    [
        new(1, "relu itself", "Matrix<double> my_relu_derivative(Matrix<double> x) => x.Map(v => Math.Max(0, v));", "✘"),
        new(1, "1 at exactly 0", "Matrix<double> my_relu_derivative(Matrix<double> x) => x.Map(v => v >= 0 ? 1.0 : 0.0);", "✘"),
        new(1, "in place", "Matrix<double> my_relu_derivative(Matrix<double> x)\n{\n    x.MapInplace(v => v > 0 ? 1.0 : 0.0);\n    return x;\n}", "✘"),
        new(1, "throws", "Matrix<double> my_relu_derivative(Matrix<double> x) => throw new InvalidOperationException(\"not like this\");", "✘"),
        new(1, "null", "Matrix<double> my_relu_derivative(Matrix<double> x) => null;", "✘"),
        new(1, "endless loop", "Matrix<double> my_relu_derivative(Matrix<double> x)\n{\n    while (x != null) { }\n    return x;\n}", "✘"),
        new(1, "endless recursion", "Matrix<double> my_relu_derivative(Matrix<double> x) => my_relu_derivative(x);", "✘"),
        new(1, "transposed", "Matrix<double> my_relu_derivative(Matrix<double> x) => x.Transpose().Map(v => v > 0 ? 1.0 : 0.0);", "✘"),
        new(2, "integer division", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)\n{\n    int size = y_true.RowCount * y_true.ColumnCount;\n    return 2 / size * (y_pred - y_true);\n}", "✘"),
        new(2, "wrong sign", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => 2 * (y_true - y_pred) / (y_true.RowCount * y_true.ColumnCount);", "✘"),
        new(2, "no factor 2", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => (y_pred - y_true) / (y_true.RowCount * y_true.ColumnCount);", "✘"),
        new(2, "rows, not entries", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => 2 * (y_pred - y_true) / y_true.RowCount;", "✘"),
        new(2, "in place on y_pred", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)\n{\n    y_pred.Subtract(y_true, y_pred);\n    y_pred.Multiply(2.0 / (y_true.RowCount * y_true.ColumnCount), y_pred);\n    return y_pred;\n}", "✘"),
        new(2, "throws", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => throw new ArgumentException(\"y_pred\");", "✘"),
        new(2, "null", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => null;", "✘"),
        new(2, "endless loop", "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)\n{\n    for (var i = 0; i >= 0; i += 0) { }\n    return y_pred;\n}", "✘"),
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
