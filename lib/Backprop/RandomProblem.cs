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
public sealed record RandomProblem
{
    private RandomProblem(Network network, Matrix<double> x, Matrix<double> y)
    {
        Network = network;
        X = x;
        Y = y;
    }

    /// <summary>The network with its first weights.</summary>
    public Network Network { get; }

    /// <summary>The inputs: <c>rand(samples, n0)</c>.</summary>
    public Matrix<double> X { get; }

    /// <summary>The targets: <c>rand(samples, nL)</c>.</summary>
    public Matrix<double> Y { get; }

    /// <summary>Takes the problem apart: <c>var (network, X, y) = RandomProblem.Original();</c>.</summary>
    /// <param name="network">The network with its first weights.</param>
    /// <param name="x">The inputs.</param>
    /// <param name="y">The targets.</param>
    public void Deconstruct(out Network network, out Matrix<double> x, out Matrix<double> y) => (network, x, y) = (Network, X, Y);

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
