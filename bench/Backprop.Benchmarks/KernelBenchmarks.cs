using System.Runtime.Intrinsics;
using Backprop.Engine;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// The wide workload's 64 × 64 layer on one tile, one kernel at a time, on one thread with 512-bit vectors:
/// what each kernel reaches against <see cref="PeakBenchmarks.FmaPeak512OneCore"/>. <see cref="Samples"/> = 160
/// is the engine's tile for 3-64-64-1 (its rows fill about 80 KB per layer, in L2); 32 keeps a layer in the
/// 48 KB L1 with W. Every buffer starts on a cache line, as the engine's do (<see cref="AlignedBuffer"/>): from
/// a plain array, a 512-bit load would straddle two lines.
/// </summary>
public class KernelBenchmarks
{
    private const int Units = 64;
    private AlignedBuffer _a = null!;
    private AlignedBuffer _z = null!;
    private AlignedBuffer _w = null!;
    private double[] _b = null!;
    private AlignedBuffer _weightLanes = null!;
    private AlignedBuffer _biasLanes = null!;

    [Params(32, 160)]
    public int Samples { get; set; }

    /// <summary>Floating-point operations of one call: 2 per multiply-add of a 64 × 64 product over the samples.</summary>
    public static double Flops(int samples) => 2.0 * Units * Units * samples;

    private int Stride => Samples + 8;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = Filled(Units * Stride, () => random.NextDouble());
        _z = Filled(Units * Stride, () => random.NextDouble());
        _w = Filled(Units * Units, () => random.NextDouble() - 0.5);
        _b = new double[Units];
        _weightLanes = new AlignedBuffer(Units * Units * Simd512.Count);
        _biasLanes = new AlignedBuffer(Units * Simd512.Count);
    }

    /// <summary><c>relu(A·W + b)</c> (<see cref="ForwardKernel"/>).</summary>
    [Benchmark]
    public void Forward() =>
        ForwardKernel.Run<Vector512<double>, Simd512>(Rows(_a), StridedMatrix.ColumnMajor(_w.Span, Units, Units), _b, Rows(_z), relu: true);

    /// <summary><c>(dZ·Wᵀ) ⊙ relu'</c> (<see cref="BackwardKernel"/>), masked by what the last call left in the rows.</summary>
    [Benchmark]
    public void Backward() =>
        BackwardKernel.Run<Vector512<double>, Simd512>(Rows(_a), StridedMatrix.ColumnMajor(_w.Span, Units, Units), Rows(_z));

    /// <summary><c>dW += A_prevᵀ·dZ</c>, <c>db += Σ dZ</c> (<see cref="WeightGradientKernel"/>).</summary>
    [Benchmark]
    public void WeightGradient() =>
        WeightGradientKernel.Accumulate<Vector512<double>, Simd512>(Rows(_a), Rows(_z), _weightLanes.Span, _biasLanes.Span);

    private static AlignedBuffer Filled(int length, Func<double> value)
    {
        var buffer = new AlignedBuffer(length);
        foreach (ref var x in buffer.Span)
        {
            x = value();
        }

        return buffer;
    }

    private FeatureRows Rows(AlignedBuffer values) => new(values.Span, Units, Samples, Stride);
}
