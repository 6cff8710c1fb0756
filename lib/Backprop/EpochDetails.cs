namespace Backprop;

/// <summary>
/// Everything one training epoch computed, for lessons that look inside training: the loss, the forward pass
/// (every z and a, so which ReLUs fired) and the gradients (so how big each layer's step was).
/// </summary>
/// <param name="Epoch">The epoch number, from 0.</param>
/// <param name="Loss">The loss before this epoch's update.</param>
/// <param name="Forward">This epoch's forward pass, before the update.</param>
/// <param name="Gradients">This epoch's gradients, which the update has just applied.</param>
public sealed record EpochDetails(int Epoch, double Loss, ForwardPass Forward, Gradients Gradients)
{
    /// <summary>The size of each layer's weight gradient, <c>‖dL_dW‖</c> (Frobenius norm), first layer first.</summary>
    public IReadOnlyList<double> WeightGradientNorms => Gradients.Weights.Select(dW => dW.FrobeniusNorm()).ToArray();
}
