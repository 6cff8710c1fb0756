namespace Backprop.Notebooks.Tests;

/// <summary>Number comparisons for values that went through a different summation order or JSON.</summary>
internal static class Close
{
    /// <summary>Same length, and each pair equal to 1e-12 relative: far below the printout's four decimals.</summary>
    public static void Equal(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative = 1e-12)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var scale = Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= relative * scale,
                $"Value {i}: expected {expected[i]:R}, got {actual[i]:R}.");
        }
    }
}
