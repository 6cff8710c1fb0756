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
}
