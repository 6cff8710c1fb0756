using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Testing;

/// <summary>
/// Number comparisons for values computed another way (another summation order, NumPy, JSON), with one rule:
/// <c>|actual − expected| ≤ relative · |expected|</c>, NumPy's <c>assert_allclose</c> with no absolute tolerance
/// (so an expected 0 must come out 0).
/// </summary>
internal static class Close
{
    public static void Equal(double expected, double actual, double relative, string what)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (error {error:E2}, allowed {relative:E0} relative)");
    }

    /// <summary>Same length, and each pair equal to <paramref name="relative"/> (1e-12: far below the printout's four decimals).</summary>
    public static void Equal(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative = 1e-12, string what = "value")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i], relative, $"{what} {i}");
        }
    }

    public static void Equal(Matrix<double> expected, Matrix<double> actual, double relative, string what)
    {
        Assert.Equal((expected.RowCount, expected.ColumnCount), (actual.RowCount, actual.ColumnCount));
        for (var i = 0; i < expected.RowCount; i++)
        {
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                Equal(expected[i, j], actual[i, j], relative, $"{what}[{i},{j}]");
            }
        }
    }

    public static void Equal(Vector<double> expected, Vector<double> actual, double relative, string what) =>
        Equal(expected.ToArray(), actual.ToArray(), relative, what);
}
