using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Engine;

/// <summary>
/// The oracle for the engine tests: the readable MathNet implementation (<see cref="Network.Forward"/>,
/// <see cref="Loss.Mse"/>, <see cref="Network.Backward"/>, <see cref="Network.Update"/>) driven by the same
/// loop as <see cref="Trainer.Train"/> had before the engine, so these tests keep comparing against the
/// readable version even when <c>Trainer.Train</c> itself runs on the engine.
/// </summary>
internal static class ReadableTraining
{
    public static List<double> Train(Network network, Matrix<double> input, Matrix<double> target, int epochs, double learningRate, Action<int, double>? onEpoch = null)
    {
        var losses = new List<double>();
        double? lastLoss = null;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var forward = network.Forward(input);
            var loss = Loss.Mse(target, forward.Prediction);
            if (!double.IsFinite(loss))
            {
                throw new TrainingDivergedException(epoch, lastLoss, learningRate);
            }

            network.Update(network.Backward(forward, target), learningRate);
            losses.Add(loss);
            lastLoss = loss;
            onEpoch?.Invoke(epoch, loss);
            if (!network.Weights.All(w => w.Enumerate().All(double.IsFinite)) || !network.Biases.All(b => b.All(double.IsFinite)))
            {
                throw new TrainingDivergedException(epoch, loss, learningRate);
            }
        }

        return losses;
    }

    /// <summary>A network and data drawn as the notebook draws them: weights first, then X = rand, y = rand.</summary>
    public static (Network Network, Matrix<double> X, Matrix<double> Y) Problem(int[] layers, int samples, int seed, Initialization init)
    {
        var random = new NumPyRandom(seed);
        var network = Network.Create(layers, random, init);
        var x = random.Rand(samples, layers[0]);
        var y = random.Rand(samples, layers[^1]);
        return (network, x, y);
    }
}
