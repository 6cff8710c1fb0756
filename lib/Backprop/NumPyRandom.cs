using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// NumPy's legacy global generator, bit for bit: <c>np.random.seed</c>, <c>np.random.rand</c> and
/// <c>np.random.randn</c>.
/// </summary>
/// <remarks>
/// With the same seed and the same calls in the same order, every number equals the one NumPy gives.
/// <c>randn</c> uses the polar Box–Muller method, which makes normals in pairs: the second one is
/// cached and returned as the next normal (<see cref="Randn"/>), even when uniform draws (<see cref="Rand"/>)
/// come in between. Arrays are filled in row-major order, as NumPy fills them.
/// </remarks>
public sealed class NumPyRandom
{
    private MersenneTwister _twister;
    private double? _cachedGaussian;

    /// <summary>Creates a generator as if <c>np.random.seed(seed)</c> had just run.</summary>
    /// <param name="seed">The seed, 0 to 4294967295 as NumPy accepts.</param>
    public NumPyRandom(long seed)
    {
        _twister = CreateTwister(seed);
    }

    /// <summary>Re-seeds: <c>np.random.seed(seed)</c>. Also forgets a cached normal.</summary>
    /// <param name="seed">The seed, 0 to 4294967295 as NumPy accepts.</param>
    internal void Seed(long seed)
    {
        _twister = CreateTwister(seed);
        _cachedGaussian = null;
    }

    /// <summary>One uniform double in [0, 1): <c>np.random.rand()</c>.</summary>
    internal double NextDouble() => _twister.NextDouble();

    /// <summary>One standard normal: <c>np.random.randn()</c>.</summary>
    internal double NextGaussian()
    {
        if (_cachedGaussian is double cached)
        {
            _cachedGaussian = null;
            return cached;
        }

        // Polar Box–Muller: pick a point uniformly inside the unit circle (rejecting the rest),
        // then turn it into two independent normals.
        double x1, x2, r2;
        do
        {
            x1 = (2.0 * NextDouble()) - 1.0;
            x2 = (2.0 * NextDouble()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedGaussian = f * x1;
        return f * x2;
    }

    /// <summary>A <paramref name="rows"/>×<paramref name="columns"/> matrix of uniforms: <c>np.random.rand(rows, columns)</c>.</summary>
    public Matrix<double> Rand(int rows, int columns) => Fill(rows, columns, NextDouble);

    /// <summary>A <paramref name="rows"/>×<paramref name="columns"/> matrix of standard normals: <c>np.random.randn(rows, columns)</c>.</summary>
    public Matrix<double> Randn(int rows, int columns) => Fill(rows, columns, NextGaussian);

    private static Matrix<double> Fill(int rows, int columns, Func<double> next)
    {
        Checks.RequireDrawableSize(rows, columns);
        var matrix = Matrix<double>.Build.Dense(rows, columns);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                matrix[row, column] = next();
            }
        }

        return matrix;
    }

    private static MersenneTwister CreateTwister(long seed)
    {
        Checks.RequireSeed(seed);
        return new MersenneTwister((uint)seed);
    }
}
