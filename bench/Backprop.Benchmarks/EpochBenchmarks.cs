using Backprop.Engine;
using BenchmarkDotNet.Attributes;

namespace Backprop.Benchmarks;

/// <summary>
/// One full-batch training epoch (forward, loss, backward, update, finite check) on the three workloads: the
/// readable MathNet version (<see cref="Trainer.Readable"/>) against the fast engine with 512-bit and with
/// 256-bit vectors. Each session is set up once, as a training run sets it up once, so its per-epoch
/// allocation is what <c>[MemoryDiagnoser]</c> reports.
/// </summary>
[MemoryDiagnoser]
public class EpochBenchmarks : WorkloadBenchmarks
{
    private ITrainingSession _readable = null!;
    private ITrainingSession _engine512 = null!;
    private ITrainingSession _engine256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        Draw();
        _readable = Trainer.Readable.Start(Network.Clone(), X, Y, Benchmarks.Workload.LearningRate);
        _engine512 = new FastEngine(width: VectorWidth.Bits512).Start(Network.Clone(), X, Y, Benchmarks.Workload.LearningRate);
        _engine256 = new FastEngine(width: VectorWidth.Bits256).Start(Network.Clone(), X, Y, Benchmarks.Workload.LearningRate);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _readable.Dispose();
        _engine512.Dispose();
        _engine256.Dispose();
    }

    /// <summary>The readable version: <c>Trainer.Train</c>'s epoch with <c>method: Trainer.Readable</c>.</summary>
    [Benchmark(Baseline = true)]
    public double Readable() => Epoch(_readable);

    /// <summary>The fast engine with 512-bit vectors (<c>new FastEngine(width: VectorWidth.Bits512)</c>).</summary>
    [Benchmark]
    public double Engine512() => Epoch(_engine512);

    /// <summary>The fast engine with 256-bit vectors (<c>new FastEngine(width: VectorWidth.Bits256)</c>).</summary>
    [Benchmark]
    public double Engine256() => Epoch(_engine256);

    // Trainer.Train's epoch: loss and gradients, update, finite check.
    private static double Epoch(ITrainingSession session)
    {
        var loss = session.ComputeLossAndGradients();
        session.Update();
        return session.ParametersAreFinite() ? loss : double.NaN;
    }
}
