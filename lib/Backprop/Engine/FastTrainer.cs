using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// The fast training engine behind <see cref="Trainer.Train(Network, Matrix{double}, Matrix{double}, int, double, Action{int, double}?)"/>: the same full-batch gradient descent, the same
/// losses (to about 1e-14 relative or better) and the same divergence behaviour, on SIMD kernels, both cores, and buffers
/// allocated once per run.
/// </summary>
/// <remarks>
/// The readable <see cref="Network.Forward"/> / <see cref="Network.Backward"/> / <see cref="Network.Update"/>
/// remain the lesson and the test oracle; this engine computes the same formulas with the same roundings except
/// the order in which sums are added up.
/// </remarks>
internal static class FastTrainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place for <paramref name="epochs"/> full-batch epochs and returns the
    /// loss of every epoch, exactly as <see cref="Trainer.Train(Network, Matrix{double}, Matrix{double}, int, double, Action{int, double}?)"/>: the network holds the new parameters whenever
    /// <paramref name="onEpoch"/> is called and when this returns or throws.
    /// </summary>
    /// <param name="network">The network to train; its own weight matrices and bias vectors are updated.</param>
    /// <param name="input">X: one sample per row.</param>
    /// <param name="target">y: one target row per sample.</param>
    /// <param name="epochs">Number of full-batch epochs (0 or more).</param>
    /// <param name="learningRate">lr, above 0.</param>
    /// <param name="onEpoch">Called after each epoch with its number (from 0) and loss, or null.</param>
    /// <param name="maxThreads">Most threads to use (the results are the same for any value).</param>
    /// <exception cref="InvalidInputException">The data does not fit the network, or the learning rate or epoch count is invalid.</exception>
    /// <exception cref="TrainingDivergedException">
    /// The loss was not finite (thrown before that epoch is reported, the network left as it was), or an update
    /// made a parameter non-finite (thrown after that epoch is reported, the network holding the update).
    /// </exception>
    public static IReadOnlyList<double> Train(
        Network network,
        Matrix<double> input,
        Matrix<double> target,
        int epochs,
        double learningRate,
        Action<int, double>? onEpoch = null,
        int maxThreads = int.MaxValue)
    {
        DataChecks.RequireTrainingRun(network, input, target, epochs, learningRate);

        var losses = new List<double>(epochs);
        if (epochs == 0)
        {
            return losses;
        }

        using var session = new TrainingSession(network, input, target, learningRate, maxThreads);
        try
        {
            double? lastLoss = null;
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                var loss = session.ComputeLossAndGradient();
                if (!double.IsFinite(loss))
                {
                    throw new TrainingDivergedException(epoch, lastLoss, learningRate);
                }

                session.ApplyUpdate();
                losses.Add(loss);
                lastLoss = loss;
                if (onEpoch is not null)
                {
                    session.CopyParametersTo(network);
                    onEpoch(epoch, loss);
                }

                if (!session.ParametersAreFinite())
                {
                    throw new TrainingDivergedException(epoch, loss, learningRate);
                }
            }
        }
        finally
        {
            // However the run ends, the network holds the parameters the readable trainer would leave in it.
            session.CopyParametersTo(network);
        }

        return losses;
    }
}
