using System.Runtime.Intrinsics;
using Backprop.Engine;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// The machine's double-precision FMA peak as managed code reaches it, with 512-bit and 256-bit vectors: every
/// core runs ten independent <c>s = s·a + b</c> chains in registers. bench/report.py turns the time into
/// GFLOP/s (<see cref="Flops"/>).
/// </summary>
public class PeakBenchmarks
{
    /// <summary>FMA vector instructions per core per call.</summary>
    public const long FmaPerCore = 10L * 5_000_000;

    /// <summary>Floating-point operations of one call: 2 per lane per FMA, on <paramref name="cores"/> cores.</summary>
    public static double Flops(int lanes, int cores) => 2.0 * FmaPerCore * lanes * cores;

    [Benchmark]
    public double FmaPeak512AllCores() => AllCores<Vector512<double>, Simd512>();

    [Benchmark]
    public double FmaPeak256AllCores() => AllCores<Vector256<double>, Simd256>();

    [Benchmark]
    public double FmaPeak512OneCore() => Chains<Vector512<double>, Simd512>(FmaPerCore / 10);

    private static double AllCores<V, S>()
        where V : struct
        where S : ISimd<V>
    {
        var sums = new double[Environment.ProcessorCount];
        Parallel.For(0, sums.Length, core => sums[core] = Chains<V, S>(FmaPerCore / 10));
        return sums.Sum();
    }

    // Ten independent FMA chains: enough to cover the FMA latency on both FMA units.
    private static double Chains<V, S>(long iterations)
        where V : struct
        where S : ISimd<V>
    {
        var a = S.Create(0.999_999_9);
        var b = S.Create(1e-7);
        V s0 = S.Create(1), s1 = S.Create(2), s2 = S.Create(3), s3 = S.Create(4), s4 = S.Create(5);
        V s5 = S.Create(6), s6 = S.Create(7), s7 = S.Create(8), s8 = S.Create(9), s9 = S.Create(10);
        for (long i = 0; i < iterations; i++)
        {
            s0 = S.MultiplyAdd(s0, a, b);
            s1 = S.MultiplyAdd(s1, a, b);
            s2 = S.MultiplyAdd(s2, a, b);
            s3 = S.MultiplyAdd(s3, a, b);
            s4 = S.MultiplyAdd(s4, a, b);
            s5 = S.MultiplyAdd(s5, a, b);
            s6 = S.MultiplyAdd(s6, a, b);
            s7 = S.MultiplyAdd(s7, a, b);
            s8 = S.MultiplyAdd(s8, a, b);
            s9 = S.MultiplyAdd(s9, a, b);
        }

        return S.Sum(S.Add(S.Add(S.Add(s0, s1), S.Add(s2, s3)), S.Add(S.Add(S.Add(s4, s5), S.Add(s6, s7)), S.Add(s8, s9))));
    }
}
