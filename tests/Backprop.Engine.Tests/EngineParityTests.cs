using System.Runtime.Intrinsics;
using Backprop.Engine;

namespace Backprop.Tests.Engine;

/// <summary>Whole training runs of the fast engine against the readable MathNet implementation.</summary>
public class EngineParityTests
{
    private const double Tolerance = 1e-12;

    private static readonly (string, int, int, int, bool, double)[] Cases =
    [
        // layers, samples, epochs, seed, He init, learning rate
        ("3,2,2,1", 10, 1000, 0, false, 0.01),    // the original notebook
        ("3,16,16,1", 100, 300, 1, true, 0.01),   // the mid workload's shape
        ("5,7,3,2", 37, 500, 2, true, 0.05),      // odd widths, two outputs, samples not a multiple of 4
        ("1,1", 5, 200, 3, false, 0.1),           // one linear layer
        ("4,9,1", 3, 100, 4, true, 0.01),         // fewer samples than a SIMD vector (short: it would fit 3 points exactly)
        ("6,33,17,5,3", 129, 200, 5, true, 0.01), // deep, every width odd
        ("3,64,64,1", 300, 50, 6, true, 0.01),    // the wide workload's shape
        ("3,16,16,1", 3000, 20, 7, true, 0.01),   // enough work for several chunks (parallel)
    ];

    public static TheoryData<string, int, int, int, bool, double, VectorWidth> Runs()
    {
        var runs = new TheoryData<string, int, int, int, bool, double, VectorWidth>();
        foreach (var width in new[] { VectorWidth.Bits256, VectorWidth.Bits512 })
        {
            foreach (var (layers, samples, epochs, seed, he, learningRate) in Cases)
            {
                runs.Add(layers, samples, epochs, seed, he, learningRate, width);
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_loss_and_the_final_parameters_match_the_readable_version(string layers, int samples, int epochs, int seed, bool he, double learningRate, VectorWidth width)
    {
        var sizes = layers.Split(',').Select(int.Parse).ToArray();
        var init = he ? Initialization.He : Initialization.Randn;
        var (readable, x, y) = ReadableTraining.Problem(sizes, samples, seed, init);
        var (fast, _, _) = ReadableTraining.Problem(sizes, samples, seed, init);

        var expected = ReadableTraining.Train(readable, x, y, epochs, learningRate);
        var actual = FastRun.Train(fast, x, y, epochs, learningRate, width: width);

        Assert.Equal(expected.Count, actual.Count);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Close.Equal(expected[epoch], actual[epoch], Tolerance, $"loss of epoch {epoch}");
        }

        for (var layer = 0; layer < readable.LayerCount; layer++)
        {
            Close.Equal(readable.Weights[layer], fast.Weights[layer], Tolerance, $"W{layer + 1}");
            Close.Equal(readable.Biases[layer], fast.Biases[layer], Tolerance, $"b{layer + 1}");
        }
    }

    [Fact]
    public void The_large_case_really_runs_on_several_chunks_and_threads()
    {
        var (network, x, y) = ReadableTraining.Problem([3, 16, 16, 1], 3000, 7, Initialization.He);
        using var session = Assert.IsType<TrainingSession<Vector256<double>, Simd256>>(new FastEngine(width: VectorWidth.Bits256).Start(network, x, y, 0.01));
        Assert.True(session.Partition.ChunkCount > 1);
        Assert.Equal(Math.Min(Environment.ProcessorCount, session.Partition.ChunkCount), session.WorkerCount);
    }

    [Theory]
    [InlineData(VectorWidth.Bits128, typeof(TrainingSession<Vector128<double>, Simd128>))]
    [InlineData(VectorWidth.Bits256, typeof(TrainingSession<Vector256<double>, Simd256>))]
    [InlineData(VectorWidth.Bits512, typeof(TrainingSession<Vector512<double>, Simd512>))]
    public void A_session_runs_the_width_asked_for(VectorWidth width, Type session)
    {
        var (network, x, y) = ReadableTraining.Problem([3, 4, 1], 10, 0, Initialization.He);
        using var started = new FastEngine(width: width).Start(network, x, y, 0.01);
        Assert.IsType(session, started);
    }

    [Fact]
    public void The_widest_width_is_the_widest_the_cpu_runs_natively()
    {
        var expected = Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
            : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256 : VectorWidth.Bits128;
        Assert.Equal(expected, FastEngine.Resolve(VectorWidth.Widest));
        Assert.Equal(VectorWidth.Bits256, FastEngine.Resolve(VectorWidth.Bits256));
    }

    [Fact]
    public void The_original_run_prints_the_fresh_notebook_losses()
    {
        var (network, x, y) = ReadableTraining.Problem([3, 2, 2, 1], 10, 0, Initialization.Randn);
        var losses = FastRun.Train(network, x, y, 1000, 0.01);
        var printed = Enumerable.Range(0, 10).Select(i => losses[i * 100].ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["0.0736", "0.0195", "0.0186", "0.0179", "0.0174", "0.0169", "0.0166", "0.0164", "0.0162", "0.0158"], printed);
    }
}
