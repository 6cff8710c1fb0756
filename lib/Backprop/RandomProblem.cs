using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// A network and random data drawn as the original notebook draws them, in its order:
/// <code>
/// np.random.seed(seed)
/// W1 = np.random.randn(n0, n1); W2 = …; W3 = …      (biases zero)
/// X = np.random.rand(samples, n0)
/// y = np.random.rand(samples, nL)
/// </code>
/// That order is what makes every number equal NumPy's, so it is written here once, for the console program,
/// the lessons, the tests and the benchmarks.
/// </summary>
/// <param name="Network">The network with its first weights.</param>
/// <param name="X">The inputs: <c>rand(samples, n0)</c>.</param>
/// <param name="Y">The targets: <c>rand(samples, nL)</c>.</param>
public sealed record RandomProblem(Network Network, Matrix<double> X, Matrix<double> Y)
{
    /// <summary>The original notebook's problem: seed 0, a 3-2-2-1 network, 10 samples.</summary>
    public static RandomProblem Original() => Draw([3, 2, 2, 1], samples: 10, seed: 0);

    /// <summary>Draws a network and data in the original's order.</summary>
    /// <param name="layerSizes">Units per layer, input first: <c>[3, 2, 2, 1]</c> for the original.</param>
    /// <param name="samples">Rows of X and y, at least 1.</param>
    /// <param name="seed">The NumPy seed, 0 to 4294967295.</param>
    /// <param name="initialization">How the weights are scaled: as drawn (the original) or He.</param>
    /// <exception cref="InvalidInputException">The layers or the sample count are invalid, or too large to hold.</exception>
    public static RandomProblem Draw(IReadOnlyList<int> layerSizes, int samples, long seed = 0, Initialization initialization = Initialization.Randn)
    {
        Checks.RequireSamples(samples);
        var random = new NumPyRandom(seed);
        var network = Network.Create(layerSizes, random, initialization);
        var x = random.Rand(samples, layerSizes[0]);
        var y = random.Rand(samples, layerSizes[^1]);
        return new RandomProblem(network, x, y);
    }
}
