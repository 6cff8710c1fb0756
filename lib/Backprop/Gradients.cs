using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// The gradient of the loss with respect to every parameter: <c>dL_dW</c> and <c>dL_db</c> for each layer,
/// shaped like the weights and biases they belong to.
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
}
