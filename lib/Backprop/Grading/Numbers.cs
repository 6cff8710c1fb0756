using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>When two results count as the same, and how numbers read in the grader's messages.</summary>
internal static class Numbers
{
    /// <summary>
    /// Relative agreement that counts as "the same computation": far above the rounding of a different summation
    /// order (about 1e-15), far below any real mistake (a factor, a sign, a missing term).
    /// </summary>
    public const double Tolerance = 1e-9;

    /// <summary>Same shape, and every entry within <see cref="Tolerance"/> of the largest entry of <paramref name="expected"/>.</summary>
    public static bool Close(Matrix<double> actual, Matrix<double> expected)
    {
        if (actual.RowCount != expected.RowCount || actual.ColumnCount != expected.ColumnCount)
        {
            return false;
        }

        var scale = expected.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        var allowed = (Tolerance * scale) + 1e-15;
        return actual.Enumerate().Zip(expected.Enumerate()).All(pair => Math.Abs(pair.First - pair.Second) <= allowed);
    }

    /// <summary>Four significant digits, invariant: <c>-0.02350</c>, <c>1.764</c>.</summary>
    public static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
