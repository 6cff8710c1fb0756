using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Full-batch gradient descent, the original notebook's <c>train(X, y, epochs)</c>.</summary>
/// <remarks>
/// <para>
/// One loop, <see cref="Run"/>, owns the epoch: forward pass and loss, stop if the loss is not finite, backward pass,
/// update, report, stop if a parameter is not finite. The arithmetic comes from an <see cref="ITrainingMethod"/>:
/// <see cref="Readable"/> (the default: <see cref="Network.Forward"/>, <see cref="Network.Backward"/> and
/// <see cref="Network.Update"/>, the code the lessons teach), or a fast engine named at the call site, such as
/// <c>method: FastEngine.Default</c> from <c>Backprop.Engine</c>.
/// </para>
/// </remarks>
public static class Trainer
{
    /// <summary>The readable epoch: <see cref="Network.Forward"/>, <see cref="Loss.Mse"/>, <see cref="Network.Backward"/>, <see cref="Network.Update"/>.</summary>
    public static ITrainingMethod Readable => ReadableTraining.Instance;

    /// <summary>
    /// Trains <paramref name="network"/> in place for <paramref name="epochs"/> full-batch epochs and returns
    /// the loss of every epoch. <paramref name="onEpoch"/>, if given, is called after each epoch's update with the
    /// epoch number (from 0) and its loss: print <c>Epoch N, Loss: x.xxxx</c> there with <see cref="LossLine"/>.
    /// </summary>
    /// <param name="network">The network to train; it holds the updated parameters whenever <paramref name="onEpoch"/> runs and when this returns or throws.</param>
    /// <param name="input">X: one sample per row.</param>
    /// <param name="target">y: one target row per sample.</param>
    /// <param name="epochs">How many epochs, 0 or more.</param>
    /// <param name="learningRate">lr: a finite number above 0.</param>
    /// <param name="onEpoch">Called after each epoch. With a fast engine, changes made here to the network's parameters are not seen by training.</param>
    /// <param name="method">How the arithmetic is done: <see cref="Readable"/> when null.</param>
    /// <exception cref="InvalidInputException">The data does not fit the network, or the learning rate or epoch count is invalid.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a parameter stopped being finite; it names which, carries the losses so far, and no NaN is reported. The network then holds the parameters of the last update.</exception>
    public static IReadOnlyList<double> Train(
        Network network, Matrix<double> input, Matrix<double> target, int epochs, double learningRate,
        Action<int, double>? onEpoch = null, ITrainingMethod? method = null)
    {
        Checks.TrainingRun(network, input, target, epochs, learningRate);
        using var session = (method ?? Readable).Start(network, input, target, learningRate);
        return Run(session, network, epochs, learningRate, onEpoch);
    }

    /// <summary>
    /// Trains with the <see cref="Readable"/> epoch and shows <paramref name="onEpoch"/> everything each epoch
    /// computed: the forward pass (which ReLUs fired) and the gradients (how big each layer's step was). The losses
    /// are returned, one per epoch, as by the other overload.
    /// </summary>
    /// <exception cref="InvalidInputException">The data does not fit the network, or the learning rate or epoch count is invalid.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a parameter stopped being finite; it carries the losses so far.</exception>
    /// <param name="network">The network to train in place.</param>
    /// <param name="input">X: one sample per row.</param>
    /// <param name="target">y: one target row per sample.</param>
    /// <param name="epochs">How many epochs, 0 or more.</param>
    /// <param name="learningRate">lr: a finite number above 0.</param>
    /// <param name="onEpoch">Called after each epoch's update with what the epoch computed; the network already holds the new parameters.</param>
    public static IReadOnlyList<double> Train(
        Network network, Matrix<double> input, Matrix<double> target, int epochs, double learningRate, Action<EpochDetails> onEpoch)
    {
        ArgumentNullException.ThrowIfNull(onEpoch);
        Checks.TrainingRun(network, input, target, epochs, learningRate);
        using var session = new ReadableTraining.Session(network, input, target, learningRate);
        return Run(session, network, epochs, learningRate, (_, _) => onEpoch(new EpochDetails(session.Last.Forward, session.Last.Gradients)));
    }

    // The epoch protocol, written once for every method.
    private static List<double> Run(ITrainingSession session, Network network, int epochs, double learningRate, Action<int, double>? onEpoch)
    {
        // Room for the losses of a usual run up front; a very long run grows the list instead of reserving it all.
        var losses = new List<double>(Math.Min(epochs, 1 << 16));
        try
        {
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                var loss = session.ComputeLossAndGradients();
                if (!double.IsFinite(loss))
                {
                    throw new TrainingDivergedException(epoch, losses, learningRate, loss);
                }

                session.Update();
                losses.Add(loss);
                if (onEpoch is not null)
                {
                    session.CopyParametersToNetwork();
                    onEpoch(epoch, loss);
                }

                if (!session.ParametersAreFinite())
                {
                    session.CopyParametersToNetwork();
                    // The session has just copied its parameters into the network, so the network names the culprit.
                    var (parameter, value) = network.FirstNonFiniteParameter() ?? ("a parameter", double.NaN);
                    throw new TrainingDivergedException(epoch, losses, learningRate, parameter, value);
                }
            }
        }
        finally
        {
            session.CopyParametersToNetwork();
        }

        return losses;
    }
}
