using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Checks that a set of weights and biases describes a real network (a list of layer sizes: <see cref="Checks.RequireLayerSizes"/>).</summary>
internal static class NetworkShape
{
    /// <summary>Checks the weights chain (each layer's outputs feed the next) and returns the layer sizes.</summary>
    public static IReadOnlyList<int> Check(Matrix<double>?[] weights, Vector<double>?[] biases)
    {
        if (weights.Length == 0)
        {
            throw new InvalidInputException("A network needs at least one weight matrix.");
        }

        if (weights.Length != biases.Length)
        {
            throw new InvalidInputException(
                $"There are {weights.Length} weight matrices but {biases.Length} biases: each layer needs one of each.");
        }

        var sizes = new List<int>();
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i] ?? throw new InvalidInputException($"W{i + 1} is missing (null): give an n_in×n_out matrix for every layer.");
            var b = biases[i] ?? throw new InvalidInputException($"b{i + 1} is missing (null): give a vector of n_out values for every layer.");
            if (i == 0)
            {
                sizes.Add(w.RowCount);
            }

            if (w.RowCount < 1 || w.ColumnCount < 1)
            {
                throw new InvalidInputException($"W{i + 1} is {Shapes.Of(w)}: every layer needs at least one unit.");
            }

            if (w.RowCount != sizes[^1])
            {
                throw new InvalidInputException(
                    $"W{i + 1} has {w.RowCount} rows but layer {i + 1} has {sizes[^1]} units: they must match.");
            }

            if (b.Count != w.ColumnCount)
            {
                throw new InvalidInputException(
                    $"b{i + 1} has {b.Count} values but W{i + 1} has {w.ColumnCount} columns: they must match.");
            }

            if (!Checks.AllFinite(w) || !Checks.AllFinite(b))
            {
                throw new InvalidInputException($"Layer {i + 1} has a NaN or infinite weight or bias: every parameter must be a finite number.");
            }

            sizes.Add(w.ColumnCount);
        }

        return sizes;
    }
}
