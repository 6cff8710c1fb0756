using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Training data: features <c>X</c> (one sample per row) and targets <c>y</c>, with the column names.</summary>
/// <param name="Features">X: one row per sample, one column per feature.</param>
/// <param name="Targets">y: one row per sample, one column per target.</param>
/// <param name="FeatureNames">The names of X's columns, in order.</param>
/// <param name="TargetNames">The names of y's columns, in order.</param>
public sealed record Dataset(
    Matrix<double> Features,
    Matrix<double> Targets,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> TargetNames)
{
    /// <summary>Number of samples (rows).</summary>
    public int SampleCount => Features.RowCount;

    /// <summary>
    /// Splits the rows in two, in file order: the first <paramref name="firstRows"/> samples (for training) and
    /// the rest (held out, for testing).
    /// </summary>
    /// <exception cref="InvalidInputException">Either part would be empty.</exception>
    public (Dataset Head, Dataset Tail) Split(int firstRows)
    {
        if (firstRows < 1 || firstRows >= SampleCount)
        {
            throw new InvalidInputException(
                $"Cannot split {SampleCount} samples after row {firstRows}: each part needs at least one sample, so split after 1 to {SampleCount - 1}.");
        }

        var rest = SampleCount - firstRows;
        return (
            this with { Features = Features.SubMatrix(0, firstRows, 0, Features.ColumnCount), Targets = Targets.SubMatrix(0, firstRows, 0, Targets.ColumnCount) },
            this with { Features = Features.SubMatrix(firstRows, rest, 0, Features.ColumnCount), Targets = Targets.SubMatrix(firstRows, rest, 0, Targets.ColumnCount) });
    }
}
