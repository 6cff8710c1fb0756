using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// The gradient of the loss with respect to every parameter: <c>dL_dW</c> and <c>dL_db</c> for each layer,
/// shaped like the weights and biases they belong to. <see cref="Network.Backward"/> makes them; a lesson's own
/// backward pass (or one with a planted bug) packs its hand-computed ones with <see cref="Of"/>.
/// </summary>
public sealed class Gradients
{
    internal Gradients(IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases)
    {
        Weights = weights;
        Biases = biases;
    }

    /// <summary><c>dL_dW1, dL_dW2, …</c>, each n_in×n_out like its weight matrix.</summary>
    public IReadOnlyList<Matrix<double>> Weights { get; }

    /// <summary><c>dL_db1, dL_db2, …</c>, each of length n_out like its bias.</summary>
    public IReadOnlyList<Vector<double>> Biases { get; }

    /// <summary>
    /// Packs hand-computed <c>dL_dW1, dL_dW2, …</c> and <c>dL_db1, dL_db2, …</c> (first layer first) for
    /// <paramref name="network"/>, after checking that each has the shape of the parameter it belongs to, so that
    /// <see cref="GradientCheck.Run"/> can judge them and <see cref="Network.Update"/> can apply them. They are copied.
    /// </summary>
    /// <param name="network">The network the gradients belong to.</param>
    /// <param name="weights">One gradient per weight matrix, each n_in×n_out like it.</param>
    /// <param name="biases">One gradient per bias, each of length n_out like it.</param>
    /// <exception cref="InvalidInputException">A count or a shape does not match the network, or an entry is missing.</exception>
    public static Gradients Of(Network network, IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        Checks.RequireGradientsFor(network, weights, biases);
        return new Gradients(weights.Select(dW => dW.Clone()).ToArray(), biases.Select(db => db.Clone()).ToArray());
    }
}
