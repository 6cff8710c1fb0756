using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Checks lesson 1's exercise: the student's own <c>relu_derivative</c> and <c>mse_derivative</c>, tried on chosen
/// matrices, including the kink at exactly 0.
/// </summary>
public static class FunctionGrader
{
    /// <summary>The matrix <c>relu_derivative</c> is tried on: negatives, exactly 0, small and large positives.</summary>
    public static readonly IReadOnlyList<double[]> ReluTestRows = [[-2.0, -0.5, 0.0], [0.25, 1.5, 3.0]];

    /// <summary>
    /// Checks <c>relu_derivative(x) = (x &gt; 0).astype(float)</c>: 1 for x &gt; 0, 0 for x &lt; 0, 0 at exactly 0,
    /// the shape of x, and x left unchanged.
    /// </summary>
    /// <param name="relu_derivative">The student's function; null or one that throws <see cref="NotImplementedException"/> is "not done yet".</param>
    public static GradingReport ReluDerivative(Func<Matrix<double>, Matrix<double>>? relu_derivative)
    {
        const string name = "relu_derivative";
        var x = Matrix<double>.Build.DenseOfRowArrays(ReluTestRows);
        var (result, failure) = Run(name, relu_derivative, x);
        if (failure is not null)
        {
            return new GradingReport([failure]);
        }

        var items = new List<GradingItem> { Unchanged(name, x, Matrix<double>.Build.DenseOfRowArrays(ReluTestRows)) };
        if (result!.RowCount != x.RowCount || result.ColumnCount != x.ColumnCount)
        {
            items.Add(GradingItem.Wrong(name, Mistake.WrongShape, $"{name} returned a {InputRules.Shape(result)} matrix for a {InputRules.Shape(x)} one: return one value per entry of x"));
            return new GradingReport(items);
        }

        items.Add(Region($"{name}(x > 0)", x, result, value => value > 0, expected: 1, value =>
            result.Enumerate().Zip(x.Enumerate()).Where(pair => pair.Second > 0).All(pair => pair.First == pair.Second)
                ? (Mistake.ReluInsteadOfDerivative, $"{name}({Numbers.Format(value)}) should be 1, not {Numbers.Format(value)}: that is relu(x) itself; the slope of relu is 1 wherever x > 0, as (x > 0).astype(float)")
                : (Mistake.Other, $"{name}({Numbers.Format(value)}) should be 1: the slope of relu is 1 wherever x > 0, as (x > 0).astype(float)")));
        items.Add(Region($"{name}(x < 0)", x, result, value => value < 0, expected: 0, value =>
            (Mistake.Other, $"{name}({Numbers.Format(value)}) should be 0: relu is flat (0) for x < 0, as (x > 0).astype(float)")));
        items.Add(Region($"{name}(0)", x, result, value => value == 0, expected: 0, _ =>
            (Mistake.KinkAtZero, $"{name}(0) should be 0, as (x > 0).astype(float): at the kink the original takes 0 (x >= 0 gives 1)")));
        return new GradingReport(items);
    }

    /// <summary>
    /// Checks <c>mse_derivative(y_true, y_pred) = 2 * (y_pred - y_true) / y_true.size</c> on a 3×2 pair, so that
    /// dividing by the rows instead of the entries shows.
    /// </summary>
    /// <param name="mse_derivative">The student's function, called as <c>mse_derivative(y_true, y_pred)</c>.</param>
    public static GradingReport MseDerivative(Func<Matrix<double>, Matrix<double>, Matrix<double>>? mse_derivative)
    {
        const string name = "mse_derivative";
        double[][] trueRows = [[0.5, 0.25], [1.0, -0.75], [0.0, 2.0]];
        double[][] predictedRows = [[0.75, 0.0], [0.5, 0.25], [1.5, 1.0]];
        var yTrue = Matrix<double>.Build.DenseOfRowArrays(trueRows);
        var yPred = Matrix<double>.Build.DenseOfRowArrays(predictedRows);
        var (result, failure) = Run(name, mse_derivative is null ? null : x => mse_derivative(x, yPred), yTrue);
        if (failure is not null)
        {
            return new GradingReport([failure]);
        }

        var size = yTrue.RowCount * yTrue.ColumnCount;
        var right = 2.0 * (yPred - yTrue) / size;
        const string formula = "mse_derivative(y_true, y_pred) = 2 * (y_pred - y_true) / y_true.size";
        var value = new Quantity(name, right, $"a {InputRules.Shape(yTrue)} matrix, like y_true", formula, IsVector: false, Samples: yTrue.RowCount)
            .Add(-right, Mistake.WrongSign, $"has the wrong sign: it is prediction minus target, (y_pred - y_true), and y_true comes first; {formula}")
            .Add(0.5 * right, Mistake.FactorTwoMissing, $"is half the right value: the 2 from the square is missing; {formula}")
            .Add(right * size, Mistake.WrongDivisor, $"is {size} times too large: divide by y_true.size ({size} entries here), as np.mean does; {formula}")
            .Add(right * size / yTrue.RowCount, Mistake.WrongDivisor, $"divides by the rows ({yTrue.RowCount}) instead of y_true.size, every entry ({size}); {formula}")
            .Add(right * size / 2, Mistake.WrongDivisor, $"is missing the / y_true.size (and has only the 2); {formula}");
        var items = new List<GradingItem>
        {
            Unchanged(name, yTrue, Matrix<double>.Build.DenseOfRowArrays(trueRows)),
            value.Judge(result),
        };
        return new GradingReport(items);
    }

    /// <summary>Calls the student's function; "not done yet" when it is null or not implemented, and never a stack trace.</summary>
    private static (Matrix<double>? Result, GradingItem? Failure) Run(string name, Func<Matrix<double>, Matrix<double>>? function, Matrix<double> argument)
    {
        if (function is null)
        {
            return (null, GradingItem.NotDone(name, $"define {name}"));
        }

        try
        {
            var result = function(argument);
            return result is null || result.RowCount == 0 || result.ColumnCount == 0
                ? (null, GradingItem.NotDone(name, $"{name} returned nothing: return a matrix shaped like its argument"))
                : (result, null);
        }
        catch (NotImplementedException)
        {
            return (null, GradingItem.NotDone(name, $"replace the throw in {name} with your code"));
        }
        catch (Exception exception)
        {
            return (null, GradingItem.Wrong(name, Mistake.Threw, $"{name} threw {exception.GetType().Name}: {exception.Message}"));
        }
    }

    private static GradingItem Unchanged(string name, Matrix<double> argument, Matrix<double> original) =>
        argument.Equals(original)
            ? GradingItem.Right($"{name} keeps its input", $"{name} leaves its argument unchanged")
            : GradingItem.Wrong($"{name} keeps its input", Mistake.ChangesItsInput, $"{name} changed the matrix it was given: return a new one (for example with .Map(…)), and leave the argument as it was");

    /// <summary>Checks the entries of one region of x (x &gt; 0, x &lt; 0, x = 0) against the value the derivative must have there.</summary>
    private static GradingItem Region(
        string item, Matrix<double> x, Matrix<double> result, Func<double, bool> inRegion, double expected, Func<double, (Mistake, string)> hint)
    {
        var wrong = x.EnumerateIndexed().Where(entry => inRegion(entry.Item3) && result[entry.Item1, entry.Item2] != expected).ToList();
        if (wrong.Count == 0)
        {
            return GradingItem.Right(item, $"{item} is {Numbers.Format(expected)}");
        }

        var (row, column, value) = wrong[0];
        var (mistake, message) = hint(value);
        return GradingItem.Wrong(item, mistake, $"{message} (it returned {Numbers.Format(result[row, column])})");
    }
}
