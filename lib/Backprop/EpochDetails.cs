namespace Backprop;

/// <summary>
/// What one training epoch computed, for lessons that look inside training: the forward pass (every z and a, so
/// which ReLUs fired) and the gradients (so how big each layer's step was). The epoch's loss is in the list that
/// <see cref="Trainer"/>'s <c>Train</c> returns.
/// </summary>
public sealed record EpochDetails
{
    internal EpochDetails(ForwardPass forward, Gradients gradients) => (Forward, Gradients) = (forward, gradients);

    /// <summary>This epoch's forward pass, before the update.</summary>
    public ForwardPass Forward { get; }

    /// <summary>This epoch's gradients, which the update has just applied.</summary>
    public Gradients Gradients { get; }

    /// <summary>The size of each layer's weight gradient, <c>‖dL_dW‖</c> (Frobenius norm), first layer first.</summary>
    public IReadOnlyList<double> WeightGradientNorms => Gradients.Weights.Select(dW => dW.FrobeniusNorm()).ToArray();
}
