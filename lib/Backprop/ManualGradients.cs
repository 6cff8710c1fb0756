using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Gradients computed by hand, outside <see cref="Network.Backward"/>: a lesson's own backward pass, or one with a
/// planted bug, packed so that <see cref="GradientCheck.Run"/> can judge it and <see cref="Network.Update"/> can apply it.
/// </summary>
public static class ManualGradients
{
    /// <summary>
    /// Packs <c>dL_dW1, dL_dW2, …</c> and <c>dL_db1, dL_db2, …</c> (first layer first) for <paramref name="network"/>,
    /// after checking that each has the shape of the parameter it belongs to. The matrices and vectors are copied.
    /// </summary>
    /// <param name="network">The network the gradients belong to.</param>
    /// <param name="weights">One gradient per weight matrix, each n_in×n_out like it.</param>
    /// <param name="biases">One gradient per bias, each of length n_out like it.</param>
    /// <exception cref="InvalidInputException">A count or a shape does not match the network.</exception>
    public static Gradients Of(Network network, IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Count != network.LayerCount || biases.Count != network.LayerCount)
        {
            throw new InvalidInputException(
                $"The network has {network.LayerCount} layers but there are {weights.Count} weight gradients and {biases.Count} bias gradients: give one of each per layer, first layer first.");
        }

        for (var i = 0; i < network.LayerCount; i++)
        {
            var w = network.Weights[i];
            if (weights[i].RowCount != w.RowCount || weights[i].ColumnCount != w.ColumnCount)
            {
                throw new InvalidInputException(
                    $"dL_dW{i + 1} is {Shapes.Of(weights[i])} but W{i + 1} is {Shapes.Of(w)}: a gradient has the shape of its parameter.");
            }

            if (biases[i].Count != network.Biases[i].Count)
            {
                throw new InvalidInputException(
                    $"dL_db{i + 1} has {biases[i].Count} values but b{i + 1} has {network.Biases[i].Count}: a gradient has the shape of its parameter.");
            }
        }

        return new Gradients(weights.Select(dW => dW.Clone()).ToArray(), biases.Select(db => db.Clone()).ToArray());
    }
}
