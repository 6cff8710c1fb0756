using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Engine;

/// <summary>
/// The oracle for the engine tests: the readable MathNet implementation (<see cref="Network.Forward"/>,
/// <see cref="Loss.Mse"/>, <see cref="Network.Backward"/>, <see cref="Network.Update"/>), which the
/// <see cref="EpochDetails"/> overload of <see cref="Trainer"/>.Train runs, while the <c>(epoch, loss)</c>
/// overload runs on the engine.
/// </summary>
internal static class ReadableTraining
{
    public static List<double> Train(Network network, Matrix<double> input, Matrix<double> target, int epochs, double learningRate, Action<int, double>? onEpoch = null) =>
        [.. Trainer.Train(network, input, target, epochs, learningRate, details => onEpoch?.Invoke(details.Epoch, details.Loss))];

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
