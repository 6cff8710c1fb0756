using Backprop.Engine;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Benchmarks;

/// <summary>
/// The console program's dead-unit check after training, on the three workloads: the readable
/// <c>ReluActivity.DeadUnits(network.Forward(X))</c> against the engine's <c>FastEngine.DeadUnits</c>. With
/// <see cref="DeadUnit"/>, the first hidden unit of the first layer is dead (its bias is −1000), which keeps the
/// engine's scan running through every sample of that layer (its worst case).
/// </summary>
[MemoryDiagnoser]
public class DeadUnitBenchmarks
{
    private Network _network = null!;
    private Matrix<double> _x = null!;

    [Params("seed", "mid", "wide")]
    public string Workload { get; set; } = "seed";

    [Params(false, true)]
    public bool DeadUnit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_network, _x, _) = Benchmarks.Workload.Named(Workload).Create();
        if (DeadUnit)
        {
            _network.Biases[0][0] = -1000;
        }
    }

    /// <summary>What the lessons run: the readable forward pass over every sample, then the active-unit tables.</summary>
    [Benchmark(Baseline = true)]
    public int Readable() => ReluActivity.DeadUnits(_network.Forward(_x)).Count;

    /// <summary>The engine's forward kernels, tile by tile, stopping once every unit has fired.</summary>
    [Benchmark]
    public int Engine() => FastEngine.Default.DeadUnits(_network, _x).Count;
}
