using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// The machine's double-precision FMA peak as managed code reaches it: every core runs independent
/// <c>s = s·a + b</c> chains on SIMD vectors. bench/report.py turns the time into GFLOP/s.
/// </summary>
public class PeakBenchmarks
{
    /// <summary>FMA vector instructions per core per call.</summary>
    public const long FmaPerCore = 10L * 5_000_000;

    /// <summary>Floating-point operations of one call on all cores.</summary>
    public static double Flops => 2.0 * FmaPerCore * Vector<double>.Count * Environment.ProcessorCount;

    [Benchmark]
    public double FmaPeakAllCores()
    {
        var total = 0.0;
        var sums = new double[Environment.ProcessorCount];
        Parallel.For(0, Environment.ProcessorCount, core => sums[core] = Chains(FmaPerCore / 10));
        foreach (var s in sums)
        {
            total += s;
        }

        return total;
    }

    // Ten independent FMA chains: enough to cover the FMA latency on both FMA units.
    private static double Chains(long iterations)
    {
        var a = new Vector<double>(0.999_999_9);
        var b = new Vector<double>(1e-7);
        Vector<double> s0 = new(1), s1 = new(2), s2 = new(3), s3 = new(4), s4 = new(5);
        Vector<double> s5 = new(6), s6 = new(7), s7 = new(8), s8 = new(9), s9 = new(10);
        for (long i = 0; i < iterations; i++)
        {
            s0 = Vector.FusedMultiplyAdd(s0, a, b);
            s1 = Vector.FusedMultiplyAdd(s1, a, b);
            s2 = Vector.FusedMultiplyAdd(s2, a, b);
            s3 = Vector.FusedMultiplyAdd(s3, a, b);
            s4 = Vector.FusedMultiplyAdd(s4, a, b);
            s5 = Vector.FusedMultiplyAdd(s5, a, b);
            s6 = Vector.FusedMultiplyAdd(s6, a, b);
            s7 = Vector.FusedMultiplyAdd(s7, a, b);
            s8 = Vector.FusedMultiplyAdd(s8, a, b);
            s9 = Vector.FusedMultiplyAdd(s9, a, b);
        }

        return Vector.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9);
    }
}
