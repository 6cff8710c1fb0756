using Backprop.Engine;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Benchmarks;

/// <summary>
/// One full-batch training epoch (forward, loss, backward, update, finite check), readable MathNet version
/// against the fast engine, on the three workloads. The engine's session is set up once, as a training run sets
/// it up once, so its per-epoch allocation is what <c>[MemoryDiagnoser]</c> reports.
/// </summary>
[MemoryDiagnoser]
public class EpochBenchmarks
{
    private Network _readable = null!;
    private Matrix<double> _x = null!;
    private Matrix<double> _y = null!;
    private TrainingSession _engine = null!;

    [Params("seed", "mid", "wide")]
    public string Workload { get; set; } = "seed";

    [GlobalSetup]
    public void Setup()
    {
        var workload = Benchmarks.Workload.Named(Workload);
        (_readable, _x, _y) = workload.Create();
        var (network, _, _) = workload.Create();
        _engine = new TrainingSession(network, _x, _y, Benchmarks.Workload.LearningRate);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>The readable version: <c>Trainer.Train</c>'s epoch before the engine.</summary>
    [Benchmark(Baseline = true)]
    public double Readable()
    {
        var forward = _readable.Forward(_x);
        var loss = Loss.Mse(_y, forward.Prediction);
        _readable.Update(_readable.Backward(forward, _y), Benchmarks.Workload.LearningRate);
        var finite = _readable.Weights.All(w => w.Enumerate().All(double.IsFinite)) && _readable.Biases.All(b => b.All(double.IsFinite));
        return finite ? loss : double.NaN;
    }

    /// <summary>The fast engine: <c>FastTrainer.Train</c>'s epoch.</summary>
    [Benchmark]
    public double Engine()
    {
        var loss = _engine.ComputeLossAndGradients();
        _engine.Update();
        return _engine.ParametersAreFinite() ? loss : double.NaN;
    }
}
