using Backprop.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Engine;

/// <summary>
/// The oracle for the engine tests: <see cref="Trainer.Train(Network, Matrix{double}, Matrix{double}, int, double, Action{int, double}?, ITrainingMethod?)"/>
/// with the readable epoch (<see cref="Network.Forward"/>, <see cref="Loss.Mse"/>, <see cref="Network.Backward"/>,
/// <see cref="Network.Update"/>).
/// </summary>
internal static class ReadableTraining
{
    public static List<double> Train(Network network, Matrix<double> input, Matrix<double> target, int epochs, double learningRate, Action<int, double>? onEpoch = null) =>
        [.. Trainer.Train(network, input, target, epochs, learningRate, onEpoch, method: Trainer.Readable)];

    /// <summary>A network and data drawn as the notebook draws them: weights first, then X = rand, y = rand.</summary>
    public static (Network Network, Matrix<double> X, Matrix<double> Y) Problem(int[] layers, int samples, int seed, Initialization init)
    {
        var problem = RandomProblem.Draw(layers, samples, seed, init);
        return (problem.Network, problem.X, problem.Y);
    }
}

/// <summary>The same loop with the fast engine named as the method.</summary>
internal static class FastRun
{
    public static IReadOnlyList<double> Train(
        Network network, Matrix<double> input, Matrix<double> target, int epochs, double learningRate, Action<int, double>? onEpoch = null, int maxThreads = int.MaxValue, VectorWidth width = VectorWidth.Widest) =>
        Trainer.Train(network, input, target, epochs, learningRate, onEpoch, method: new FastEngine(maxThreads, width));
}
