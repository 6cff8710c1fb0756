using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Checks that a list of layer sizes, or a set of weights and biases, describes a real network.</summary>
internal static class NetworkShape
{
    public static void CheckLayerSizes(IReadOnlyList<int>? layerSizes)
    {
        if (layerSizes is null || layerSizes.Count < 2)
        {
            throw new InvalidInputException(
                "A network needs at least two layers (inputs and outputs), for example 3,2,2,1.");
        }

        for (var i = 0; i < layerSizes.Count; i++)
        {
            if (layerSizes[i] < 1)
            {
                throw new InvalidInputException(
                    $"Layer {i + 1} of {string.Join(',', layerSizes)} has {layerSizes[i]} units: every layer needs at least one.");
            }
        }
    }

    /// <summary>Checks the weights chain (each layer's outputs feed the next) and returns the layer sizes.</summary>
    public static IReadOnlyList<int> Check(Matrix<double>[] weights, Vector<double>[] biases)
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

        var sizes = new List<int> { weights[0].RowCount };
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (w.RowCount < 1 || w.ColumnCount < 1)
            {
                throw new InvalidInputException($"W{i + 1} is {Shapes.Of(w)}: every layer needs at least one unit.");
            }

            if (w.RowCount != sizes[^1])
            {
                throw new InvalidInputException(
                    $"W{i + 1} has {w.RowCount} rows but layer {i + 1} has {sizes[^1]} units: they must match.");
            }

            if (biases[i].Count != w.ColumnCount)
            {
                throw new InvalidInputException(
                    $"b{i + 1} has {biases[i].Count} values but W{i + 1} has {w.ColumnCount} columns: they must match.");
            }

            if (!AllFinite(w) || biases[i].Any(b => !double.IsFinite(b)))
            {
                throw new InvalidInputException($"Layer {i + 1} has a NaN or infinite weight or bias: every parameter must be a finite number.");
            }

            sizes.Add(w.ColumnCount);
        }

        return sizes;
    }

    private static bool AllFinite(Matrix<double> m) => m.Enumerate().All(double.IsFinite);
}
