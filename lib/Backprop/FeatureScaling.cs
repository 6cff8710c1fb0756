using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Standardizes features: each column minus its mean, divided by its standard deviation, so every feature has
/// mean 0 and spread 1. Without it, a feature measured in thousands swamps one measured in fractions and a
/// learning rate that suits one makes the other diverge.
/// </summary>
/// <param name="Means">Each column's mean, from the data the scaling was fitted on.</param>
/// <param name="StandardDeviations">Each column's population standard deviation (1 for a constant column).</param>
public sealed record FeatureScaling(Vector<double> Means, Vector<double> StandardDeviations)
{
    /// <summary>Learns the means and standard deviations of <paramref name="features"/>' columns.</summary>
    public static FeatureScaling Fit(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.RowCount == 0)
        {
            throw new InvalidInputException("Cannot fit a scaling to data with no rows: give at least one sample.");
        }

        var means = features.SumOfEachColumn() / features.RowCount;
        var deviations = Vector<double>.Build.Dense(features.ColumnCount, column =>
        {
            var variance = features.Column(column).Select(v => (v - means[column]) * (v - means[column])).Sum() / features.RowCount;
            return variance > 0 ? Math.Sqrt(variance) : 1.0;
        });
        return new FeatureScaling(means, deviations);
    }

    /// <summary><c>(X - mean) / std</c>, column by column, with the fitted means and deviations.</summary>
    public Matrix<double> Apply(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.ColumnCount != Means.Count)
        {
            throw new InvalidInputException($"The data has {features.ColumnCount} columns but the scaling was fitted on {Means.Count}: they must match.");
        }

        return Matrix<double>.Build.Dense(features.RowCount, features.ColumnCount, (row, column) =>
            (features[row, column] - Means[column]) / StandardDeviations[column]);
    }

    /// <summary>Undoes <see cref="Apply"/>: <c>X_scaled * std + mean</c>.</summary>
    public Matrix<double> Invert(Matrix<double> scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        return Matrix<double>.Build.Dense(scaled.RowCount, scaled.ColumnCount, (row, column) =>
            (scaled[row, column] * StandardDeviations[column]) + Means[column]);
    }
}
