using Backprop.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Engine;

/// <summary>The engine behaves as <c>Trainer.Train</c> does: callbacks, divergence, validation, threads.</summary>
public class EngineBehaviourTests
{
    [Theory]
    [InlineData(VectorWidth.Bits256)]
    [InlineData(VectorWidth.Bits512)]
    public void Results_do_not_depend_on_the_number_of_threads_to_the_last_bit(VectorWidth width)
    {
        var (network, x, y) = ReadableTraining.Problem([3, 16, 16, 1], 3000, 11, Initialization.He);
        var serial = network.Clone();
        var parallel = network.Clone();

        var serialLosses = FastRun.Train(serial, x, y, 30, 0.01, maxThreads: 1, width: width);
        var parallelLosses = FastRun.Train(parallel, x, y, 30, 0.01, maxThreads: 2, width: width);

        Assert.Equal(serialLosses, parallelLosses);
        for (var layer = 0; layer < network.LayerCount; layer++)
        {
            Assert.Equal(serial.Weights[layer], parallel.Weights[layer]);
            Assert.Equal(serial.Biases[layer], parallel.Biases[layer]);
        }
    }

    [Fact]
    public void The_network_is_up_to_date_whenever_the_callback_runs()
    {
        var (readable, x, y) = ReadableTraining.Problem([3, 4, 1], 20, 1, Initialization.Randn);
        var fast = readable.Clone();
        var expected = new List<Matrix<double>>();
        var actual = new List<Matrix<double>>();

        ReadableTraining.Train(readable, x, y, 5, 0.05, (_, _) => expected.Add(readable.Weights[0].Clone()));
        FastRun.Train(fast, x, y, 5, 0.05, (_, _) => actual.Add(fast.Weights[0].Clone()));

        Assert.Equal(5, actual.Count);
        for (var epoch = 0; epoch < 5; epoch++)
        {
            Close.Equal(expected[epoch], actual[epoch], 1e-14, $"W1 after epoch {epoch}");
        }
    }

    [Fact]
    public void The_network_objects_are_updated_in_place()
    {
        var (network, x, y) = ReadableTraining.Problem([3, 2, 2, 1], 10, 0, Initialization.Randn);
        var w1 = network.Weights[0];
        var before = w1.Clone();

        FastRun.Train(network, x, y, 10, 0.01);

        Assert.Same(w1, network.Weights[0]);
        Assert.NotEqual(before, w1);
    }

    [Fact]
    public void A_diverging_run_reports_the_same_epochs_and_throws_the_same_exception()
    {
        var (readable, x, y) = ReadableTraining.Problem([3, 8, 8, 1], 50, 2, Initialization.Randn);
        var fast = readable.Clone();
        var expectedReports = new List<(int, double)>();
        var actualReports = new List<(int, double)>();

        var expected = Assert.Throws<TrainingDivergedException>(() =>
            ReadableTraining.Train(readable, x, y, 1000, 5.0, (e, l) => expectedReports.Add((e, l))));
        var actual = Assert.Throws<TrainingDivergedException>(() =>
            FastRun.Train(fast, x, y, 1000, 5.0, (e, l) => actualReports.Add((e, l))));

        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.LastFiniteLoss.HasValue, actual.LastFiniteLoss.HasValue);
        Assert.Equal(expected.Message.Split(' ')[..5], actual.Message.Split(' ')[..5]);
        Assert.Equal(expectedReports.Count, actualReports.Count);
        for (var i = 0; i < expectedReports.Count; i++)
        {
            Assert.Equal(expectedReports[i].Item1, actualReports[i].Item1);
            Close.Equal(expectedReports[i].Item2, actualReports[i].Item2, 1e-9, $"loss of epoch {i}");
        }

        // Both leave the network in the same state: the last update (finite or not) applied.
        var expectedParameters = readable.Weights.SelectMany(w => w.Enumerate()).Concat(readable.Biases.SelectMany(b => b)).ToArray();
        var actualParameters = fast.Weights.SelectMany(w => w.Enumerate()).Concat(fast.Biases.SelectMany(b => b)).ToArray();
        Assert.Equal(expectedParameters.Select(double.IsFinite), actualParameters.Select(double.IsFinite));
    }

    [Fact]
    public void An_update_that_overflows_is_reported_then_thrown_with_the_network_holding_it()
    {
        var (readable, x, y) = ReadableTraining.Problem([3, 4, 1], 10, 0, Initialization.Randn);
        var fast = readable.Clone();
        var reports = new List<double>();

        var expected = Assert.Throws<TrainingDivergedException>(() => ReadableTraining.Train(readable, x, y, 10, 1e308));
        var actual = Assert.Throws<TrainingDivergedException>(() => FastRun.Train(fast, x, y, 10, 1e308, (_, loss) => reports.Add(loss)));

        Assert.Equal(0, actual.Epoch);
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Single(reports);
        Close.Equal(expected.LastFiniteLoss!.Value, actual.LastFiniteLoss!.Value, 1e-12, "last finite loss");
        Assert.Equal(reports[0], actual.LastFiniteLoss.Value);
        Assert.Contains(fast.Weights.SelectMany(w => w.Enumerate()), v => !double.IsFinite(v));
    }

    [Fact]
    public void A_loss_that_overflows_throws_before_the_epoch_is_reported_and_leaves_the_network_unchanged()
    {
        // Finite but huge weights: the forward pass overflows to infinity at epoch 0.
        var huge = Matrix<double>.Build.Dense(3, 3, 1e200);
        var network = new Network([huge, Matrix<double>.Build.Dense(3, 1, 1e200)], [Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(1)]);
        var before = network.Clone();
        var random = new NumPyRandom(0);
        var (x, y) = (random.Rand(20, 3), random.Rand(20, 1));
        var reports = 0;

        var diverged = Assert.Throws<TrainingDivergedException>(() => FastRun.Train(network, x, y, 10, 0.01, (_, _) => reports++));

        Assert.Equal(0, diverged.Epoch);
        Assert.Null(diverged.LastFiniteLoss);
        Assert.Equal(0, reports);
        Assert.Equal(before.Weights, network.Weights);
        Assert.Equal(before.Biases, network.Biases);
        Assert.Throws<TrainingDivergedException>(() => ReadableTraining.Train(before, x, y, 10, 0.01));
    }

    [Fact]
    public void Zero_epochs_return_no_losses_and_change_nothing()
    {
        var (network, x, y) = ReadableTraining.Problem([3, 2, 1], 4, 0, Initialization.Randn);
        var before = network.Clone();

        Assert.Empty(FastRun.Train(network, x, y, 0, 0.01));
        Assert.Equal(before.Weights, network.Weights);
    }

    [Fact]
    public void Invalid_arguments_are_rejected_as_the_trainer_rejects_them()
    {
        var (network, x, y) = ReadableTraining.Problem([3, 2, 1], 4, 0, Initialization.Randn);

        Assert.Throws<InvalidInputException>(() => FastRun.Train(network, x, y, -1, 0.01));
        Assert.Throws<InvalidInputException>(() => FastRun.Train(network, x, y, 10, 0.0));
        Assert.Throws<InvalidInputException>(() => FastRun.Train(network, x.SubMatrix(0, 4, 0, 2), y, 10, 0.01));
        Assert.Throws<InvalidInputException>(() => FastRun.Train(network, x, y.SubMatrix(0, 3, 0, 1), 10, 0.01));
    }

    [Fact]
    public void An_engine_needs_a_thread_and_a_known_width()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastEngine(maxThreads: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastEngine(width: (VectorWidth)384));
        Assert.Equal(VectorWidth.Widest, FastEngine.Default.Width);
    }

    [Fact]
    public void Matrices_that_are_not_dense_are_read_and_written_too()
    {
        var (readable, x, y) = ReadableTraining.Problem([3, 4, 1], 12, 3, Initialization.Randn);
        var sparse = new Network(
            readable.Weights.Select(w => (Matrix<double>)Matrix<double>.Build.SparseOfMatrix(w)),
            readable.Biases.Select(b => (Vector<double>)Vector<double>.Build.SparseOfVector(b)));

        var expected = ReadableTraining.Train(readable, x, y, 50, 0.01);
        var actual = FastRun.Train(sparse, x, y, 50, 0.01);

        Close.Equal(expected[^1], actual[^1], 1e-12, "last loss");
        Close.Equal(readable.Weights[0], sparse.Weights[0], 1e-12, "W1");
        Close.Equal(readable.Biases[1], sparse.Biases[1], 1e-12, "b2");
    }
}
