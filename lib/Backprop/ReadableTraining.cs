using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// The readable epoch, the one the lessons teach: <see cref="Network.Forward"/>, <see cref="Loss.Mse"/>,
/// <see cref="Network.Backward"/> and <see cref="Network.Update"/>, on MathNet matrices.
/// </summary>
internal sealed class ReadableTraining : ITrainingMethod
{
    /// <summary>The one instance: the method holds no state of its own.</summary>
    public static readonly ReadableTraining Instance = new();

    private ReadableTraining()
    {
    }

    /// <inheritdoc/>
    public ITrainingSession Start(Network network, Matrix<double> input, Matrix<double> target, double learningRate) =>
        new Session(network, input, target, learningRate);

    /// <summary>A run of the readable epoch. <see cref="Last"/> is what the last epoch computed.</summary>
    internal sealed class Session(Network network, Matrix<double> input, Matrix<double> target, double learningRate) : ITrainingSession
    {
        /// <summary>The last epoch's forward pass and gradients (before its update).</summary>
        public (ForwardPass Forward, Gradients Gradients) Last { get; private set; }

        public double ComputeLossAndGradients()
        {
            // As the original's train loop: forward, loss, backward. Where the loss is not finite, neither are the
            // gradients, and the trainer stops before it would apply them.
            var forward = network.ForwardCore(input);
            var loss = Loss.MseCore(target, forward.Prediction);
            Last = (forward, network.BackwardCore(forward, target));
            return loss;
        }

        public void Update() => network.UpdateCore(Last.Gradients, learningRate);

        public bool ParametersAreFinite() => network.ParametersAreFinite();

        public void CopyParametersToNetwork()
        {
            // The readable epoch works on the network's own matrices: there is nothing to copy.
        }

        public void Dispose()
        {
        }
    }
}
