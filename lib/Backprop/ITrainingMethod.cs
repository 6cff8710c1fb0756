using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// How the arithmetic of an epoch is done: <see cref="Trainer.Readable"/> (the lesson's
/// <see cref="Network.Forward"/>, <see cref="Network.Backward"/> and <see cref="Network.Update"/>), or a fast engine
/// such as <c>Backprop.Engine.FastEngine</c>. <see cref="Trainer.Train(Network, Matrix{double}, Matrix{double}, int, double, Action{int, double}?, ITrainingMethod?)"/>
/// owns the epoch's order and rules; a method owns only the arithmetic.
/// </summary>
public interface ITrainingMethod
{
    /// <summary>
    /// Starts one run on data that <see cref="Trainer"/> has already checked against the network.
    /// </summary>
    /// <param name="network">The network to train; <see cref="ITrainingSession.CopyParametersToNetwork"/> writes the parameters into it.</param>
    /// <param name="input">X: one sample per row, checked.</param>
    /// <param name="target">y: one target row per sample, checked.</param>
    /// <param name="learningRate">lr, checked.</param>
    ITrainingSession Start(Network network, Matrix<double> input, Matrix<double> target, double learningRate);
}

/// <summary>One training run of an <see cref="ITrainingMethod"/>: the state one epoch needs, kept between epochs.</summary>
public interface ITrainingSession : IDisposable
{
    /// <summary>
    /// The forward pass, the loss and the backward pass on the current parameters. Returns the loss; the
    /// gradients are kept for <see cref="Update"/>. The parameters do not change.
    /// </summary>
    double ComputeLossAndGradients();

    /// <summary><c>W -= lr * dL_dW</c> and <c>b -= lr * dL_db</c> for every layer, with the gradients just computed.</summary>
    void Update();

    /// <summary>Whether every weight and bias is a finite number.</summary>
    bool ParametersAreFinite();

    /// <summary>Copies the session's current parameters into the network it trains (nothing to do where the session works on the network's own matrices).</summary>
    void CopyParametersToNetwork();
}
