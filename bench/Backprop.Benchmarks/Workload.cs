using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Benchmarks;

/// <summary>
/// The three benchmark workloads, drawn as bench/numpy_bench.py draws them: He init with seed 0, then
/// X = rand(samples, inputs), y = rand(samples, outputs); learning rate 0.01.
/// </summary>
public sealed record Workload(string Name, int Samples, int[] Layers)
{
    public const double LearningRate = 0.01;

    public static readonly Workload Seed = new("seed", 10, [3, 2, 2, 1]);
    public static readonly Workload Mid = new("mid", 1000, [3, 16, 16, 1]);
    public static readonly Workload Wide = new("wide", 100_000, [3, 64, 64, 1]);

    public static Workload Named(string name) => name switch
    {
        "seed" => Seed,
        "mid" => Mid,
        "wide" => Wide,
        _ => throw new ArgumentException($"Unknown workload {name}: use seed, mid or wide.", nameof(name)),
    };

    /// <summary>
    /// Floating-point operations of one epoch: 2 per multiply-add of the forward product (A·W), the weight
    /// gradient (A_prevᵀ·dZ) and the back-propagated error (dZ·Wᵀ, not needed for the first layer).
    /// </summary>
    public double FlopsPerEpoch
    {
        get
        {
            long multiplyAdds = 0;
            for (var i = 0; i + 1 < Layers.Length; i++)
            {
                multiplyAdds += (i == 0 ? 2L : 3L) * Layers[i] * Layers[i + 1];
            }

            return 2.0 * Samples * multiplyAdds;
        }
    }

    /// <summary>The network and data, drawn in the original's order (<see cref="RandomProblem.Draw"/>).</summary>
    public (Network Network, Matrix<double> X, Matrix<double> Y) Create()
    {
        var problem = RandomProblem.Draw(Layers, Samples, seed: 0, Initialization.He);
        return (problem.Network, problem.X, problem.Y);
    }

    public override string ToString() => Name;
}
