using System.Runtime.Intrinsics;
using Backprop.Engine;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// The wide workload's 64 × 64 layer on one tile, one kernel at a time, on one thread with 512-bit vectors:
/// what each kernel reaches against <see cref="PeakBenchmarks.FmaPeak512OneCore"/>. <see cref="Samples"/> = 160
/// is the engine's tile for 3-64-64-1 (its rows fill about 80 KB per layer, in L2); 32 keeps a layer in the
/// 48 KB L1 with W.
/// </summary>
public class KernelBenchmarks
{
    private const int Units = 64;
    private double[] _a = null!;
    private double[] _z = null!;
    private double[] _w = null!;
    private double[] _b = null!;
    private double[] _weightLanes = null!;
    private double[] _biasLanes = null!;

    [Params(32, 160)]
    public int Samples { get; set; }

    /// <summary>Floating-point operations of one call: 2 per multiply-add of a 64 × 64 product over the samples.</summary>
    public static double Flops(int samples) => 2.0 * Units * Units * samples;

    private int Stride => Samples + 8;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = [.. Enumerable.Range(0, Units * Stride).Select(_ => random.NextDouble())];
        _z = [.. Enumerable.Range(0, Units * Stride).Select(_ => random.NextDouble())];
        _w = [.. Enumerable.Range(0, Units * Units).Select(_ => random.NextDouble() - 0.5)];
        _b = new double[Units];
        _weightLanes = new double[Units * Units * Simd512.Count];
        _biasLanes = new double[Units * Simd512.Count];
    }

    /// <summary><c>relu(A·W + b)</c> (<see cref="ForwardKernel"/>).</summary>
    [Benchmark]
    public void Forward() =>
        ForwardKernel.Run<Vector512<double>, Simd512>(Rows(_a), StridedMatrix.ColumnMajor(_w, Units, Units), _b, Rows(_z), relu: true);

    /// <summary><c>(dZ·Wᵀ) ⊙ relu'</c> (<see cref="BackwardKernel"/>), masked by what the last call left in the rows.</summary>
    [Benchmark]
    public void Backward() =>
        BackwardKernel.Run<Vector512<double>, Simd512>(Rows(_a), StridedMatrix.ColumnMajor(_w, Units, Units), Rows(_z));

    /// <summary><c>dW += A_prevᵀ·dZ</c>, <c>db += Σ dZ</c> (<see cref="WeightGradientKernel"/>).</summary>
    [Benchmark]
    public void WeightGradient() =>
        WeightGradientKernel.Accumulate<Vector512<double>, Simd512>(Rows(_a), Rows(_z), _weightLanes, _biasLanes);

    private FeatureRows Rows(double[] values) => new(values, Units, Samples, Stride);
}
