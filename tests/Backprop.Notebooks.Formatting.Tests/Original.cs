using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks.Formatting.Tests;

/// <summary>The original notebook's network and data: np.random.seed(0), W1, W2, W3 from randn, X and y from rand.</summary>
internal static class Original
{
    public static (Network Network, Matrix<double> X, Matrix<double> Y) Create()
    {
        var random = new NumPyRandom(0);
        var network = Network.Create([3, 2, 2, 1], random);
        return (network, random.Rand(10, 3), random.Rand(10, 1));
    }
}
