using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// The rules for the numbers that set up a run (seed, learning rate, counts, sizes, layer lists) and how shapes are
/// written in messages, stated once for the library and for programs built on it.
/// </summary>
/// <remarks>
/// Each <c>…Problem</c> function returns null when the value is fine, or the problem as a phrase meant to follow the
/// value. The library puts the value's name in words before it ("The number of epochs is -1: it must be 0 or more."),
/// the console program its option ("--epochs is -1: it must be 0 or more."), so both say the same thing.
/// </remarks>
public static class InputRules
{
    /// <summary>What is wrong with a seed, after "The seed 5000000000" or "--seed '5000000000'"; null if NumPy accepts it.</summary>
    /// <param name="seed">The seed to check: NumPy accepts 0 to 4294967295.</param>
    public static string? SeedProblem(long seed) =>
        seed is >= 0 and <= uint.MaxValue ? null : "is not a valid seed: use a whole number from 0 to 4294967295";

    /// <summary>What is wrong with a learning rate, after "… is 0: the learning rate"; null if it is a finite number above 0.</summary>
    /// <param name="learningRate">The learning rate to check.</param>
    public static string? LearningRateProblem(double learningRate) =>
        double.IsFinite(learningRate) && learningRate > 0 ? null : "must be a finite number above 0, for example 0.01";

    /// <summary>What is wrong with a count (epochs 0 or more, samples 1 or more), after "… is -5: it"; null if it is at least <paramref name="minimum"/>.</summary>
    /// <param name="count">The count to check.</param>
    /// <param name="minimum">The smallest count allowed.</param>
    public static string? CountProblem(long count, int minimum) =>
        count >= minimum ? null : $"must be {minimum} or more";

    /// <summary>What is wrong with the size of a matrix to allocate, after "Cannot draw a 10×3 matrix:"; null if .NET can hold it.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    public static string? MatrixSizeProblem(long rows, long columns) =>
        rows >= 0 && columns >= 0 && rows * columns <= Array.MaxLength
            ? null
            : $"the sizes must be 0 or more and their product at most {Array.MaxLength}";

    /// <summary>
    /// What is wrong with a list of layer sizes, starting with the word or colon that follows the list
    /// ("3 has fewer than two layers…", "3,0,1: layer 2 has 0 units…"); null if it describes a network.
    /// </summary>
    /// <param name="layerSizes">Units per layer, input first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layerSizes"/> is null.</exception>
    public static string? LayerSizesProblem(IReadOnlyList<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
        {
            return " has fewer than two layers: list inputs and outputs at least, for example 3,2,2,1";
        }

        for (var i = 0; i < layerSizes.Count; i++)
        {
            if (layerSizes[i] < 1)
            {
                return $": layer {i + 1} has {layerSizes[i]} units; every layer needs at least 1";
            }
        }

        return null;
    }

    /// <summary>"10×3": a matrix's shape as messages and tables write it (NumPy's shape without the parentheses).</summary>
    /// <param name="matrix">The matrix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    public static string Shape(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return $"{matrix.RowCount}×{matrix.ColumnCount}";
    }
}
