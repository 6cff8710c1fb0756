using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Checks lesson 1's exercise: the student's own <c>relu_derivative</c> and <c>mse_derivative</c>, tried on inputs
/// drawn afresh at every check (<see cref="TrialInputs"/>), with the right values computed from copies made before
/// the student's function runs, and every argument checked for changes.
/// </summary>
internal static class FunctionGrader
{
    private const string ReluFormula = "(x > 0).astype(float)";

    /// <summary>
    /// Checks <c>relu_derivative(x) = (x &gt; 0).astype(float)</c>: 1 for every x &gt; 0 however small or large, 0 for
    /// x &lt; 0, 0 at exactly 0, the shape of x, and x left unchanged. Messages use the student's function name.
    /// </summary>
    /// <param name="relu_derivative">The student's function; null, or one that throws <see cref="NotImplementedException"/>, is "not done yet".</param>
    public static GradingReport ReluDerivative(Func<Matrix<double>, Matrix<double>>? relu_derivative) =>
        ReluDerivative(relu_derivative, new Random(), StudentCode.TimeLimit);

    /// <summary>The same, with the inputs drawn from <paramref name="random"/> and a time limit, for tests.</summary>
    internal static GradingReport ReluDerivative(Func<Matrix<double>, Matrix<double>>? relu_derivative, Random random, TimeSpan timeLimit)
    {
        var name = StudentNames.Of(relu_derivative, "relu_derivative");
        if (relu_derivative is null)
        {
            return new GradingReport([GradingItem.NotDone(name, $"define {name}")]);
        }

        var x = StudentNames.Parameter(relu_derivative, 0, "x");
        var pairs = new List<(double Input, double Output)>();
        var changed = false;
        foreach (var input in TrialInputs.ElementWise(random))
        {
            var original = input.Clone();
            var run = StudentCode.Run(name, relu_derivative, () => relu_derivative(input), ShapeNames.None.Operand(x, input), timeLimit);
            if (!run.Returned)
            {
                return new GradingReport([run.Failure]);
            }

            changed |= !input.Equals(original);
            var problem = Unusable(name, x, run.Result, original);
            if (problem is not null)
            {
                return new GradingReport([problem, Unchanged(name, [x], [changed ? x : null])]);
            }

            pairs.AddRange(original.Enumerate().Zip(run.Result!.Enumerate()));
        }

        return new GradingReport([.. ReluValues(name, pairs), Unchanged(name, [x], [changed ? x : null])]);
    }

    /// <summary>
    /// Checks <c>mse_derivative(y_true, y_pred) = 2 * (y_pred - y_true) / y_true.size</c> on pairs of several shapes,
    /// with the right value computed from copies made before the call, and both arguments checked for changes.
    /// </summary>
    /// <param name="mse_derivative">The student's function, called as <c>mse_derivative(y_true, y_pred)</c>.</param>
    public static GradingReport MseDerivative(Func<Matrix<double>, Matrix<double>, Matrix<double>>? mse_derivative) =>
        MseDerivative(mse_derivative, new Random(), StudentCode.TimeLimit);

    /// <summary>The same, with the inputs drawn from <paramref name="random"/> and a time limit, for tests.</summary>
    internal static GradingReport MseDerivative(Func<Matrix<double>, Matrix<double>, Matrix<double>>? mse_derivative, Random random, TimeSpan timeLimit)
    {
        var name = StudentNames.Of(mse_derivative, "mse_derivative");
        if (mse_derivative is null)
        {
            return new GradingReport([GradingItem.NotDone(name, $"define {name}")]);
        }

        var (t, p) = (StudentNames.Parameter(mse_derivative, 0, "y_true"), StudentNames.Parameter(mse_derivative, 1, "y_pred"));
        var formula = $"{name}({t}, {p}) = 2 * ({p} - {t}) / {t}.size";
        var changed = new string?[2];
        GradingItem? value = null;
        foreach (var (rows, columns) in TrialInputs.PairShapes(random))
        {
            var yTrue = TrialInputs.Ordinary(random, rows, columns);
            var yPred = TrialInputs.Ordinary(random, rows, columns);
            var (trueCopy, predCopy) = (yTrue.Clone(), yPred.Clone());
            var names = ShapeNames.None.Operand(t, yTrue).Operand(p, yPred);
            var run = StudentCode.Run(name, mse_derivative, () => mse_derivative(yTrue, yPred), names, timeLimit);
            if (!run.Returned)
            {
                return new GradingReport([run.Failure]);
            }

            changed[0] ??= yTrue.Equals(trueCopy) ? null : t;
            changed[1] ??= yPred.Equals(predCopy) ? null : p;
            value = run.Result is null
                ? GradingItem.Wrong(name, Mistake.ReturnedNull, $"{name} returned null: return a new matrix, {formula}")
                : MseQuantity(name, formula, t, trueCopy, predCopy).Judge(run.Result);
            if (value.Mistake == Mistake.IntegerDivision && changed.FirstOrDefault(argument => argument is not null) is { } overwritten)
            {
                value = GradingItem.Wrong(name, Mistake.ChangesItsInput,
                    $"{name} returns 0 everywhere, computed after it changed {overwritten}: compute from the arguments as they were given; {formula}");
            }

            if (!value.Passed)
            {
                break;
            }
        }

        return new GradingReport([value!, Unchanged(name, [t, p], changed)]);
    }

    /// <summary>The right derivative for this pair, and the values the known mistakes give.</summary>
    private static Quantity MseQuantity(string name, string formula, string t, Matrix<double> yTrue, Matrix<double> yPred)
    {
        var (rows, columns) = (yTrue.RowCount, yTrue.ColumnCount);
        var size = rows * columns;
        var right = 2.0 * (yPred - yTrue) / size;
        var quantity = new Quantity(name, right, $"a {InputRules.Shape(yTrue)} matrix, like {t}", formula, IsVector: false, Samples: rows)
            .Add(Matrix<double>.Build.Dense(rows, columns), Mistake.IntegerDivision,
                $"returns 0 everywhere: in C#, 2 / size with an int size is 0 (an integer division rounds down); write 2.0 / size, or declare size as double; {formula}")
            .Add(-right, Mistake.WrongSign, $"has the wrong sign: it is prediction minus target, and {t} comes first; {formula}")
            .Add(0.5 * right, Mistake.FactorTwoMissing, $"is half the right value: the 2 from the square is missing; {formula}")
            .Add(right * size, Mistake.WrongDivisor, $"is {size} times too large for a {InputRules.Shape(yTrue)} {t}: divide by {t}.size, every entry, as np.mean does; {formula}")
            .Add(right * size / 2, Mistake.WrongDivisor, $"is (y_pred - y_true) alone: the 2 and the / {t}.size are missing; {formula}");
        if (rows != size)
        {
            quantity.Add(right * size / rows, Mistake.WrongDivisor, $"divides by the rows ({rows}) instead of {t}.size, every entry ({size}); {formula}");
        }

        if (columns != size)
        {
            quantity.Add(right * size / columns, Mistake.WrongDivisor, $"divides by the columns ({columns}) instead of {t}.size, every entry ({size}); {formula}");
        }

        return quantity;
    }

    /// <summary>A result that can't be judged entry by entry: null, the wrong shape, or holding a NaN or an infinity.</summary>
    private static GradingItem? Unusable(string name, string x, Matrix<double>? result, Matrix<double> input)
    {
        if (result is null)
        {
            return GradingItem.Wrong(name, Mistake.ReturnedNull, $"{name} returned null: return a new matrix shaped like {x}, {ReluFormula}");
        }

        if (result.RowCount != input.RowCount || result.ColumnCount != input.ColumnCount)
        {
            var transposed = result.RowCount == input.ColumnCount && result.ColumnCount == input.RowCount;
            return GradingItem.Wrong(name, transposed ? Mistake.Transposed : Mistake.WrongShape,
                $"{name} returned a {InputRules.Shape(result)} matrix for a {InputRules.Shape(input)} {x}: return one value per entry of {x}, in its place" +
                (transposed ? " (a .Transpose() too many?)" : ""));
        }

        var bad = input.EnumerateIndexed().FirstOrDefault(entry => !double.IsFinite(result[entry.Item1, entry.Item2]));
        return bad == default && double.IsFinite(result[0, 0])
            ? null
            : GradingItem.Wrong(name, Mistake.NotANumber,
                $"{name}({Numbers.Format(bad.Item3)}) is {Numbers.Format(result[bad.Item1, bad.Item2])}: every entry must be 0 or 1 (dividing by x, or by |x|, fails at 0), {ReluFormula}");
    }

    /// <summary>The value items: one line for a whole-function mistake (x itself, relu itself), else one per region of x.</summary>
    private static IEnumerable<GradingItem> ReluValues(string name, List<(double Input, double Output)> pairs)
    {
        if (pairs.All(pair => pair.Output.Equals(pair.Input)))
        {
            return [GradingItem.Wrong(name, Mistake.ReturnsItsInput,
                $"{name} returns its input unchanged: it must return 1 where x > 0 and 0 elsewhere, {ReluFormula}")];
        }

        if (pairs.All(pair => pair.Output.Equals(Math.Max(0, pair.Input))))
        {
            return [GradingItem.Wrong(name, Mistake.ReluInsteadOfDerivative,
                $"{name} returns relu(x) = max(0, x) itself, not its slope: the slope is 1 wherever x > 0 and 0 elsewhere, {ReluFormula}")];
        }

        return
        [
            Region($"{name}(x > 0)", pairs, input => input > 0, expected: 1, (input, output) => (Mistake.Other,
                $"{name}({Numbers.Format(input)}) should be 1, not {Numbers.Format(output)}: the slope of relu is 1 for every x > 0, {Why(input, output)}{ReluFormula}")),
            Region($"{name}(x < 0)", pairs, input => input < 0, expected: 0, (input, output) => (Mistake.Other,
                $"{name}({Numbers.Format(input)}) should be 0, not {Numbers.Format(output)}: relu is flat (0) for every x < 0, {ReluFormula}")),
            Region($"{name}(0)", pairs, input => input == 0, expected: 0, (_, output) => (Mistake.KinkAtZero,
                $"{name}(0) should be 0, not {Numbers.Format(output)}: at the kink the original takes 0 (x >= 0 gives 1), {ReluFormula}")),
        ];
    }

    /// <summary>What a wrong value for an x &gt; 0 suggests: a threshold above 0, an upper limit, or a slope that grows.</summary>
    private static string Why(double input, double output)
    {
        if (output == 0)
        {
            return input <= 1 ? "however small (a threshold above 0?), " : "however large (an upper limit?), ";
        }

        return output > 0 && output < 1 ? "not a value that grows with x, " : "";
    }

    /// <summary>Checks every tried entry of one region of x (x &gt; 0, x &lt; 0, x = 0) against the value the derivative has there.</summary>
    private static GradingItem Region(
        string item, List<(double Input, double Output)> pairs, Func<double, bool> inRegion, double expected, Func<double, double, (Mistake, string)> hint)
    {
        var tried = pairs.Where(pair => inRegion(pair.Input)).ToList();
        if (tried.All(pair => pair.Output == expected))
        {
            return GradingItem.Right(item, $"{item} is {Numbers.Format(expected)} (tried {tried.Count} value{(tried.Count == 1 ? "" : "s")})");
        }

        // The most ordinary wrong input (nearest 1 in size) says most: 0.15 rather than 5e-324 for a threshold at 0.2.
        var wrong = tried.Where(pair => pair.Output != expected).MinBy(pair => pair.Input == 0 ? 0 : Math.Abs(Math.Log10(Math.Abs(pair.Input))));

        var (mistake, message) = hint(wrong.Input, wrong.Output);
        return GradingItem.Wrong(item, mistake, message);
    }

    /// <summary>One item for the arguments: all left as they were, or which one the function changed.</summary>
    private static GradingItem Unchanged(string name, IReadOnlyList<string> arguments, IReadOnlyList<string?> changed)
    {
        var item = $"{name} keeps its input";
        var first = changed.FirstOrDefault(argument => argument is not null);
        return first is null
            ? GradingItem.Right(item, $"{name} leaves {string.Join(" and ", arguments)} as {(arguments.Count == 1 ? "it was" : "they were")}")
            : GradingItem.Wrong(item, Mistake.ChangesItsInput,
                $"{name} changed {first}, the matrix it was given: compute into a new matrix (.Map(…), a - b and 2 * a make new ones), and leave {first} as it was");
    }
}
