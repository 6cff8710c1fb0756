using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>Relative-error assertions: |actual - expected| ≤ tolerance · |expected| (absolute near zero).</summary>
internal static class Close
{
    public static void Equal(double expected, double actual, double tolerance, string what)
    {
        var error = Math.Abs(actual - expected);
        var allowed = tolerance * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(
            error <= allowed || (expected == 0 && Math.Abs(actual) < 1e-300),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2} > {tolerance:E0})");
    }

    public static void Equal(Matrix<double> expected, Matrix<double> actual, double tolerance, string what)
    {
        Assert.Equal((expected.RowCount, expected.ColumnCount), (actual.RowCount, actual.ColumnCount));
        for (var i = 0; i < expected.RowCount; i++)
        {
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                Equal(expected[i, j], actual[i, j], tolerance, $"{what}[{i},{j}]");
            }
        }
    }

    public static void Equal(Vector<double> expected, Vector<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i], tolerance, $"{what}[{i}]");
        }
    }
}
