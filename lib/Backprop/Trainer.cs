using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Full-batch gradient descent, the original notebook's <c>train(X, y, epochs)</c>.</summary>
/// <remarks>
/// The loop to read is the <see cref="EpochDetails"/> overload of <c>Train</c> and <c>StepWithDetails</c> below: forward pass, loss, backward pass, update,
/// once per epoch. The <c>(epoch, loss)</c> overload of <c>Train</c> computes exactly that on the fast engine in
/// <c>lib/Backprop/Engine</c>; the <see cref="EpochDetails"/> overload and <see cref="Step"/> run this readable loop.
/// </remarks>
public static class Trainer
{
    /// <summary>
    /// One epoch: forward pass, loss, backward pass, update. Returns the loss measured before the update,
    /// as the original prints it.
    /// </summary>
    /// <param name="network">The network to update in place.</param>
    /// <param name="input">X: one sample per row.</param>
    /// <param name="target">y: one target row per sample.</param>
    /// <param name="learningRate">lr: the size of the step.</param>
    /// <param name="epoch">Only a label: the epoch number a divergence message names.</param>
    /// <exception cref="TrainingDivergedException">The loss is not finite (the network is left unchanged).</exception>
    public static double Step(Network network, Matrix<double> input, Matrix<double> target, double learningRate, int epoch = 0) =>
        StepWithDetails(network, input, target, learningRate, epoch).Loss;

    /// <summary>
    /// Trains <paramref name="network"/> in place for <paramref name="epochs"/> full-batch epochs and returns
    /// the loss of every epoch. <paramref name="onEpoch"/>, if given, is called after each epoch with the epoch
    /// number (from 0) and its loss: print <c>Epoch N, Loss: x.xxxx</c> there with <see cref="LossLine"/>.
    /// </summary>
    /// <remarks>
    /// This runs on the fast engine (<c>lib/Backprop/Engine</c>): the same formulas as
    /// <see cref="Network.Forward"/>, <see cref="Network.Backward"/> and <see cref="Network.Update"/>, on SIMD
    /// kernels and buffers allocated once, with losses equal to the readable version's to about 1e-15. The
    /// overload that takes an <see cref="EpochDetails"/> callback runs the readable version itself.
    /// </remarks>
    /// <exception cref="InvalidInputException">The data does not fit the network, or the learning rate or epoch count is invalid.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a parameter stopped being finite; no NaN is reported.</exception>
    public static IReadOnlyList<double> Train(
        Network network,
        Matrix<double> input,
        Matrix<double> target,
        int epochs,
        double learningRate,
        Action<int, double>? onEpoch = null) =>
        Engine.FastTrainer.Train(network, input, target, epochs, learningRate, onEpoch);

    /// <summary>
    /// Trains like <see cref="Train(Network, Matrix{double}, Matrix{double}, int, double, Action{int, double}?)"/>,
    /// and after each epoch shows <paramref name="onEpoch"/> everything the epoch computed: the forward pass
    /// (which ReLUs fired), the gradients (how big each layer's step was) and the loss.
    /// </summary>
    public static IReadOnlyList<double> Train(
        Network network,
        Matrix<double> input,
        Matrix<double> target,
        int epochs,
        double learningRate,
        Action<EpochDetails> onEpoch)
    {
        ArgumentNullException.ThrowIfNull(onEpoch);
        DataChecks.RequireTrainingRun(network, input, target, epochs, learningRate);

        var losses = new List<double>(epochs);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var details = StepWithDetails(network, input, target, learningRate, epoch, lastFiniteLoss: losses.Count > 0 ? losses[^1] : null);
            losses.Add(details.Loss);
            onEpoch(details);
            if (!ParametersAreFinite(network))
            {
                throw new TrainingDivergedException(epoch, details.Loss, learningRate);
            }
        }

        return losses;
    }

    private static EpochDetails StepWithDetails(
        Network network, Matrix<double> input, Matrix<double> target, double learningRate, int epoch, double? lastFiniteLoss = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var forward = network.Forward(input);
        var loss = Loss.Mse(target, forward.Prediction);
        if (!double.IsFinite(loss))
        {
            throw new TrainingDivergedException(epoch, lastFiniteLoss, learningRate);
        }

        var gradients = network.Backward(forward, target);
        network.Update(gradients, learningRate);
        return new EpochDetails(epoch, loss, forward, gradients);
    }

    private static bool ParametersAreFinite(Network network) =>
        network.Weights.All(w => w.Enumerate().All(double.IsFinite)) &&
        network.Biases.All(b => b.All(double.IsFinite));
}
