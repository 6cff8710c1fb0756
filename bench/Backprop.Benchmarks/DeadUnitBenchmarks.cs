using Backprop.Engine;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// The console program's dead-unit check after training, on the three workloads: the readable
/// <c>ReluActivity.DeadUnits(network.Forward(X))</c> against the engine's <c>FastEngine.DeadUnits</c>. With
/// <see cref="DeadUnit"/>, the first hidden unit of the first layer is dead (its bias is −1000), which keeps the
/// engine's scan running through every sample of that layer (its worst case).
/// </summary>
[MemoryDiagnoser]
public class DeadUnitBenchmarks : WorkloadBenchmarks
{
    [Params(false, true)]
    public bool DeadUnit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Draw();
        if (DeadUnit)
        {
            Network.Biases[0][0] = -1000;
        }
    }

    /// <summary>What the lessons run: the readable forward pass over every sample, then the active-unit tables.</summary>
    [Benchmark(Baseline = true)]
    public int Readable() => ReluActivity.DeadUnits(Network.Forward(X)).Count;

    /// <summary>The engine's forward kernels, tile by tile, stopping once every unit has fired.</summary>
    [Benchmark]
    public int Engine() => FastEngine.Default.DeadUnits(Network, X).Count;
}
