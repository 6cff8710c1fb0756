using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Standardizes the columns of a matrix (features, or targets): each column minus its mean, divided by its standard
/// deviation, so every column has mean 0 and spread 1. Without it, a feature measured in thousands swamps one
/// measured in fractions, a target in thousands makes the loss and its gradients huge, and a learning rate that
/// suits one column makes another diverge.
/// </summary>
/// <remarks>
/// Columns of huge numbers (near ±1e300, whose squares overflow) are worked on after a division by a power of
/// two, which is exact: ordinary columns get the same bits as the plain formula, huge ones no longer overflow.
/// </remarks>
public sealed record Standardization
{
    // Squares of numbers up to 2^400 (about 2.6e120) stay finite, even summed over a billion rows.
    private const int LargestSafeExponent = 400;

    /// <summary>Creates a scaling from known means and standard deviations, one of each per column.</summary>
    /// <param name="means">Each column's mean, from the data the scaling was fitted on.</param>
    /// <param name="standardDeviations">Each column's population standard deviation (1 for a constant column).</param>
    /// <exception cref="InvalidInputException">The two have different lengths, a mean is not finite, or a deviation is not a finite number above 0.</exception>
    public Standardization(Vector<double> means, Vector<double> standardDeviations)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardDeviations);
        if (means.Count != standardDeviations.Count)
        {
            throw new InvalidInputException(
                $"There are {means.Count} means but {standardDeviations.Count} standard deviations: give one of each per column.");
        }

        if (!means.All(double.IsFinite) || !standardDeviations.All(s => double.IsFinite(s) && s > 0))
        {
            throw new InvalidInputException("Every mean must be a finite number and every standard deviation a finite number above 0.");
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
            var values = features.Column(column);
            var shift = SafeShift(values.AbsoluteMaximum());
            var scaled = values.Map(v => Math.ScaleB(v, -shift));
            var mean = scaled.Sum() / features.RowCount;
            var variance = scaled.Select(v => (v - mean) * (v - mean)).Sum() / features.RowCount;
            means[column] = Math.ScaleB(mean, shift);
            deviations[column] = variance > 0 ? Math.ScaleB(Math.Sqrt(variance), shift) : 1.0;
        }

        return new Standardization(means, deviations);
    }

    /// <summary><c>(X - mean) / std</c>, column by column, with the fitted means and deviations.</summary>
    /// <exception cref="InvalidInputException">The data does not have one column per fitted column.</exception>
    public Matrix<double> Apply(Matrix<double> features)
    {
        RequireColumns(features, "The data");
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
        RequireColumns(scaled, "The scaled data");
        var shifts = Shifts();
        return Matrix<double>.Build.Dense(scaled.RowCount, scaled.ColumnCount, (row, column) =>
        {
            var shift = shifts[column];
            var x = (scaled[row, column] * Math.ScaleB(StandardDeviations[column], -shift)) + Math.ScaleB(Means[column], -shift);
            return Math.ScaleB(x, shift);
        });
    }

    /// <summary>How many powers of two to divide by so that squares of numbers up to <paramref name="largest"/> stay finite (0 for ordinary numbers).</summary>
    private static int SafeShift(double largest) =>
        largest > Math.ScaleB(1.0, LargestSafeExponent) ? Math.ILogB(largest) - LargestSafeExponent : 0;

    /// <summary>Each column's shift, from the size of its mean and deviation.</summary>
    private int[] Shifts() =>
        Means.Select((mean, column) => SafeShift(Math.Max(Math.Abs(mean), StandardDeviations[column]))).ToArray();

    private void RequireColumns(Matrix<double>? data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ColumnCount != Means.Count)
        {
            throw new InvalidInputException($"{name} has {data.ColumnCount} columns but the scaling was fitted on {Means.Count}: they must match.");
        }
    }
}
