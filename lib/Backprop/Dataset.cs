using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Training data: features <c>X</c> (one sample per row) and targets <c>y</c>, with the column names.</summary>
public sealed record Dataset
{
    /// <summary>Creates a data set, after checking that its parts fit together.</summary>
    /// <param name="features">X: one row per sample, one column per feature.</param>
    /// <param name="targets">y: one row per sample, one column per target.</param>
    /// <param name="featureNames">The names of X's columns, in order.</param>
    /// <param name="targetNames">The names of y's columns, in order.</param>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    /// <exception cref="InvalidInputException">X and y have different numbers of rows, or a list of names does not have one name per column.</exception>
    public Dataset(Matrix<double> features, Matrix<double> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(targetNames);
        Checks.RequireDataset(features, targets, featureNames, targetNames);
        Features = features;
        Targets = targets;
        FeatureNames = featureNames;
        TargetNames = targetNames;
    }

    /// <summary>X: one row per sample, one column per feature.</summary>
    public Matrix<double> Features { get; }

    /// <summary>y: one row per sample, one column per target.</summary>
    public Matrix<double> Targets { get; }

    /// <summary>The names of X's columns, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The names of y's columns, in order.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Number of samples (rows).</summary>
    public int SampleCount => Features.RowCount;

    /// <summary>
    /// Splits the rows in two, in file order: the first <paramref name="firstRows"/> samples (for training) and
    /// the rest (held out, for testing).
    /// </summary>
    /// <exception cref="InvalidInputException">Either part would be empty.</exception>
    public (Dataset Head, Dataset Tail) Split(int firstRows)
    {
        if (SampleCount < 2)
        {
            throw new InvalidInputException(
                $"Cannot split {SampleCount} sample in two: each part needs at least one sample, so a data set to split needs at least 2.");
        }

        if (firstRows < 1 || firstRows >= SampleCount)
        {
            throw new InvalidInputException(
                $"Cannot split {SampleCount} samples after row {firstRows}: each part needs at least one sample, so split after 1 to {SampleCount - 1}.");
        }

        return (Rows(0, firstRows), Rows(firstRows, SampleCount - firstRows));
    }

    private Dataset Rows(int first, int count) => new(
        Features.SubMatrix(first, count, 0, Features.ColumnCount), Targets.SubMatrix(first, count, 0, Targets.ColumnCount), FeatureNames, TargetNames);
}
