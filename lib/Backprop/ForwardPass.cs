using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Everything the forward pass computed, kept for the backward pass. Layer <c>i</c> (0-based here, 1-based in
/// the notebook's names <c>z1, a1, …</c>) has a pre-activation <c>z = a_prev @ W + b</c> and an activation
/// <c>a = relu(z)</c>; the last layer is linear, so its activation is its pre-activation, the prediction.
/// </summary>
public sealed class ForwardPass
{
    internal ForwardPass(Network network, Matrix<double> input, IReadOnlyList<Matrix<double>> preActivations, IReadOnlyList<Matrix<double>> activations)
    {
        Network = network;
        UpdateCount = network.UpdateCount;
        Input = input;
        PreActivations = preActivations;
        Activations = activations;
    }

    /// <summary>The network that made this pass: <see cref="Network.Backward"/> takes only its own.</summary>
    internal Network Network { get; }

    /// <summary>The network's <see cref="Network.UpdateCount"/> when it made this pass.</summary>
    internal int UpdateCount { get; }

    /// <summary>The input <c>X</c> (one sample per row), also called <c>a0</c>.</summary>
    internal Matrix<double> Input { get; }

    /// <summary><c>z1, z2, …</c>: each layer's weighted sums before the activation.</summary>
    public IReadOnlyList<Matrix<double>> PreActivations { get; }

    /// <summary><c>a1, a2, …</c>: each layer's outputs after the activation (the last one is the prediction).</summary>
    public IReadOnlyList<Matrix<double>> Activations { get; }

    /// <summary>The prediction <c>y_pred</c>: the last layer's output.</summary>
    public Matrix<double> Prediction => Activations[^1];

    /// <summary>What flows into layer <paramref name="layer"/> (0-based): <c>X</c> for the first, the previous activation otherwise.</summary>
    public Matrix<double> InputOf(int layer) => layer == 0 ? Input : Activations[layer - 1];
}
