using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Pictures;

/// <summary>Checks and names the pictures share.</summary>
internal static class PictureData
{
    /// <summary>Checks that <paramref name="sample"/> is a row of X.</summary>
    public static void RequireSample(Matrix<double> X, int sample)
    {
        if (sample < 0 || sample >= X.RowCount)
        {
            throw new InvalidInputException(
                $"Sample {sample} is not a row of X, which has {X.RowCount} rows: choose a sample from 0 to {X.RowCount - 1}.");
        }
    }

    /// <summary>"input", "layer 1 · ReLU", …, "output · linear".</summary>
    public static string ColumnTitle(int layer, int layers) =>
        layer == 0 ? "input" : layer == layers ? "output · linear" : $"layer {layer} · ReLU";
}
