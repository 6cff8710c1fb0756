using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Benchmarks;

/// <summary>
/// What the per-workload benchmarks share: the <see cref="Workload"/> parameter (seed, mid, wide) and its
/// network and data, drawn once per run by <see cref="Draw"/>.
/// </summary>
public abstract class WorkloadBenchmarks
{
    [Params("seed", "mid", "wide")]
    public string Workload { get; set; } = "seed";

    /// <summary>The workload's network, as drawn.</summary>
    protected Network Network { get; private set; } = null!;

    /// <summary>X: one sample per row.</summary>
    protected Matrix<double> X { get; private set; } = null!;

    /// <summary>y: one target row per sample.</summary>
    protected Matrix<double> Y { get; private set; } = null!;

    /// <summary>Draws <see cref="Workload"/>'s network and data (<see cref="Benchmarks.Workload.Create"/>).</summary>
    protected void Draw() => (Network, X, Y) = Benchmarks.Workload.Named(Workload).Create();
}
