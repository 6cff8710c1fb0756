using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Standardizes the columns of a matrix (features, or targets): each column minus its mean, divided by its standard
/// deviation, so every column has mean 0 and spread 1. Without it, a feature measured in thousands swamps one
/// measured in fractions, a target in thousands makes the loss and its gradients huge, and a learning rate that
/// suits one column makes another diverge.
/// </summary>
/// <remarks>
/// Columns of huge numbers (near ±1e300, whose squares overflow) or tiny ones (near 1e-200, whose squares underflow
/// to 0) are worked on after a multiplication by a power of two, which is exact: ordinary columns get the same bits as
/// the plain formula, and any finite column gets its exact mean and deviation. The deviations from the mean are
/// scaled the same way before they are squared. A column whose spread is below the smallest normal double (about
/// 2.2e-308, so that 1/spread would overflow) is taken as constant.
/// </remarks>
public sealed record Standardization
{
    // Squares of numbers from 2^-400 to 2^400 (about 4e-121 to 2.6e120) stay normal, even summed over a billion rows.
    private const int LargestSafeExponent = 400;

    /// <summary>Creates a scaling from known means and standard deviations, one of each per column.</summary>
    /// <param name="means">Each column's mean, from the data the scaling was fitted on.</param>
    /// <param name="standardDeviations">Each column's population standard deviation (1 for a constant column).</param>
    /// <exception cref="InvalidInputException">The two have different lengths, a mean is not finite, or a deviation is not a normal number above 0 (one that 1 can be divided by).</exception>
    internal Standardization(Vector<double> means, Vector<double> standardDeviations)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardDeviations);
        if (means.Count != standardDeviations.Count)
        {
            throw new InvalidInputException(
                $"There are {means.Count} means but {standardDeviations.Count} standard deviations: give one of each per column.");
        }

        if (!means.All(double.IsFinite) || !standardDeviations.All(s => double.IsNormal(s) && s > 0))
        {
            throw new InvalidInputException(
                "Every mean must be a finite number and every standard deviation a finite number of at least 2.2250738585072014E-308 (smaller ones cannot be divided by).");
        }

        Means = means;
        StandardDeviations = standardDeviations;
    }

    /// <summary>Each column's mean, from the data the scaling was fitted on.</summary>
    public Vector<double> Means { get; }

    /// <summary>Each column's population standard deviation (1 for a constant column).</summary>
    public Vector<double> StandardDeviations { get; }

    /// <summary>Learns the means and standard deviations of <paramref name="features"/>' columns.</summary>
    /// <exception cref="InvalidInputException">The data has no rows, or holds a NaN or infinity.</exception>
    public static Standardization Fit(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.RowCount == 0)
        {
            throw new InvalidInputException("Cannot fit a scaling to data with no rows: give at least one sample.");
        }

        Checks.RequireFinite(features, "The data");
        var means = Vector<double>.Build.Dense(features.ColumnCount);
        var deviations = Vector<double>.Build.Dense(features.ColumnCount);
        for (var column = 0; column < features.ColumnCount; column++)
        {
            // The mean of the values, and the mean square of their distances from it, each worked on at a scale where
            // squares neither overflow nor underflow.
            var values = features.Column(column);
            var shift = SafeShift(values.AbsoluteMaximum());
            var scaled = values.Map(v => Math.ScaleB(v, -shift));
            var mean = scaled.Sum() / features.RowCount;
            var distances = scaled.Map(v => v - mean);
            var spreadShift = SafeShift(distances.AbsoluteMaximum());
            var variance = distances.Select(d => Math.ScaleB(d, -spreadShift)).Select(d => d * d).Sum() / features.RowCount;
            var deviation = Math.ScaleB(Math.Sqrt(variance), shift + spreadShift);
            means[column] = Math.ScaleB(mean, shift);
            deviations[column] = double.IsNormal(deviation) ? deviation : 1.0;
        }

        return new Standardization(means, deviations);
    }

    /// <summary><c>(X - mean) / std</c>, column by column, with the fitted means and deviations.</summary>
    /// <exception cref="InvalidInputException">The data does not have one column per fitted column.</exception>
    public Matrix<double> Apply(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Checks.RequireScalingColumns(features, "The data", Means.Count);
        var shifts = Shifts();
        return Matrix<double>.Build.Dense(features.RowCount, features.ColumnCount, (row, column) =>
        {
            // The same shift on all three leaves the quotient as it is: (x - mean) / std.
            var shift = -shifts[column];
            return (Math.ScaleB(features[row, column], shift) - Math.ScaleB(Means[column], shift)) / Math.ScaleB(StandardDeviations[column], shift);
        });
    }

    /// <summary>Undoes <see cref="Apply"/>: <c>X_scaled * std + mean</c>.</summary>
    /// <exception cref="InvalidInputException">The scaled data does not have one column per fitted column.</exception>
    public Matrix<double> Invert(Matrix<double> scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        Checks.RequireScalingColumns(scaled, "The scaled data", Means.Count);
        var shifts = Shifts();
        return Matrix<double>.Build.Dense(scaled.RowCount, scaled.ColumnCount, (row, column) =>
        {
            var shift = shifts[column];
            var x = (scaled[row, column] * Math.ScaleB(StandardDeviations[column], -shift)) + Math.ScaleB(Means[column], -shift);
            return Math.ScaleB(x, shift);
        });
    }

    /// <summary>
    /// How many powers of two to divide by so that squares of numbers up to <paramref name="largest"/> stay normal:
    /// 0 for ordinary numbers (from 2^-400 to 2^400) and for 0, positive for huge ones, negative for tiny ones.
    /// </summary>
    private static int SafeShift(double largest) =>
        largest > Math.ScaleB(1.0, LargestSafeExponent) ? Math.ILogB(largest) - LargestSafeExponent
        : largest > 0 && largest < Math.ScaleB(1.0, -LargestSafeExponent) ? Math.ILogB(largest) + LargestSafeExponent
        : 0;

    /// <summary>Each column's shift for <see cref="Apply"/> and <see cref="Invert"/>, from the size of its mean and deviation: only huge columns need one there (a tiny one divides as it is).</summary>
    private int[] Shifts() =>
        Means.Select((mean, column) => Math.Max(0, SafeShift(Math.Max(Math.Abs(mean), StandardDeviations[column])))).ToArray();
}
