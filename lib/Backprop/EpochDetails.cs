namespace Backprop;

/// <summary>
/// Everything one training epoch computed, for lessons that look inside training: the loss, the forward pass
/// (every z and a, so which ReLUs fired) and the gradients (so how big each layer's step was).
/// </summary>
public sealed record EpochDetails
{
    internal EpochDetails(int epoch, double loss, ForwardPass forward, Gradients gradients) =>
        (Epoch, Loss, Forward, Gradients) = (epoch, loss, forward, gradients);

    /// <summary>The epoch number, from 0.</summary>
    public int Epoch { get; }

    /// <summary>The loss before this epoch's update.</summary>
    public double Loss { get; }

    /// <summary>This epoch's forward pass, before the update.</summary>
    public ForwardPass Forward { get; }

    /// <summary>This epoch's gradients, which the update has just applied.</summary>
    public Gradients Gradients { get; }

    /// <summary>The size of each layer's weight gradient, <c>‖dL_dW‖</c> (Frobenius norm), first layer first.</summary>
    public IReadOnlyList<double> WeightGradientNorms => Gradients.Weights.Select(dW => dW.FrobeniusNorm()).ToArray();
}
