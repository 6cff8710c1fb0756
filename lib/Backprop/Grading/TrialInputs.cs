using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Fresh inputs for trying a student's function, drawn anew at every check so that no fixed matrix can be learned or
/// changed: values on both sides of 0, exactly 0, very small and very large values, in several shapes.
/// </summary>
internal static class TrialInputs
{
    /// <summary>
    /// Inputs for an element-wise function: first a wide matrix holding every kind of value (0, ±5e-324, ±1e-300,
    /// ±1e-9, a positive below 0.2, values near ±1, beyond ±5, ±1e6, ±1e300) at random places, then a column, a row and
    /// a 1×1 of ordinary values.
    /// </summary>
    public static IReadOnlyList<Matrix<double>> ElementWise(Random random)
    {
        double[] special =
        [
            0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1e-9, -1e-9,
            Between(random, 0.01, 0.2), -Between(random, 0.01, 0.2), Between(random, 0.5, 1.5), -Between(random, 0.5, 1.5),
            Between(random, 5, 50), -Between(random, 5, 50), 1e6, -1e6, 1e300, -1e300,
        ];
        var rows = random.Next(4, 6);
        var wide = Ordinary(random, rows, rows + random.Next(1, 3));
        var places = Enumerable.Range(0, wide.RowCount * wide.ColumnCount).OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < special.Length; i++)
        {
            wide[places[i] / wide.ColumnCount, places[i] % wide.ColumnCount] = special[i];
        }

        return [wide, Ordinary(random, random.Next(3, 7), 1), Ordinary(random, 1, random.Next(3, 7)), Ordinary(random, 1, 1)];
    }

    /// <summary>
    /// Shapes for a function of two matrices of one shape, such as <c>mse_derivative</c>: each has more than 2 entries
    /// (so that <c>2 / size</c> in integers is 0), and rows, columns and entries differ where they can (so that dividing
    /// by the wrong one shows).
    /// </summary>
    public static IReadOnlyList<(int Rows, int Columns)> PairShapes(Random random)
    {
        var rows = random.Next(3, 6);
        return [(rows, rows + random.Next(1, 3)), (1, random.Next(3, 7)), (random.Next(3, 7), 1), (random.Next(2, 4), random.Next(4, 6))];
    }

    /// <summary>Uniform values in [-3, 3).</summary>
    public static Matrix<double> Ordinary(Random random, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => Between(random, -3, 3));

    /// <summary>A uniform value in [low, high).</summary>
    public static double Between(Random random, double low, double high) => low + ((high - low) * random.NextDouble());
}
