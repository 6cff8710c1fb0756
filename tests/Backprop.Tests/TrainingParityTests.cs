using System.Text.Json;
using Backprop.Engine;
using Backprop.Files;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>Whole training runs against NumPy running the same algorithm (Fixtures/training.json).</summary>
public class TrainingParityTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> ConvergingCases() =>
        new(NumPyFixtures.TrainingCaseNames().Where(name => name != "diverges"));

    /// <summary>Every case on both implementations: the fast engine and the readable one.</summary>
    public static TheoryData<string, bool> ConvergingCasesOnBothPaths()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in NumPyFixtures.TrainingCaseNames().Where(name => name != "diverges"))
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    /// <summary>Trains with the readable epoch or on the fast engine: the same loop, another method.</summary>
    private static IReadOnlyList<double> Train(bool readable, Network network, Matrix<double> x, Matrix<double> y, int epochs, double lr, Action<int, double> onEpoch) =>
        Trainer.Train(network, x, y, epochs, lr, onEpoch, method: readable ? Trainer.Readable : FastEngine.Default);

    [Theory]
    [MemberData(nameof(ConvergingCases))]
    public void Initial_weights_and_data_are_NumPys_bit_for_bit(string name)
    {
        var fixture = NumPyFixtures.TrainingCase(name);
        var (network, input, target) = Setup(fixture);

        var expectedWeights = fixture.GetProperty("initial_weights").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        Assert.Equal(expectedWeights.Length, network.LayerCount);
        for (var i = 0; i < expectedWeights.Length; i++)
        {
            Assert.Equal(expectedWeights[i], network.Weights[i]);
            Assert.All(network.Biases[i], b => Assert.Equal(0.0, b));
        }

        if (fixture.TryGetProperty("X", out var x))
        {
            Assert.Equal(NumPyFixtures.Matrix(x), input);
            Assert.Equal(NumPyFixtures.Matrix(fixture.GetProperty("y")), target);
        }
    }

    [Theory]
    [MemberData(nameof(ConvergingCasesOnBothPaths))]
    public void Every_loss_and_the_final_parameters_match_NumPy(string name, bool readable)
    {
        var fixture = NumPyFixtures.TrainingCase(name);
        var (network, input, target) = Setup(fixture);

        var losses = Train(readable, network, input, target, fixture.GetProperty("epochs").GetInt32(), fixture.GetProperty("lr").GetDouble(), (_, _) => { });

        var expected = NumPyFixtures.Doubles(fixture.GetProperty("losses"));
        Assert.Equal(expected.Length, losses.Count);
        for (var epoch = 0; epoch < expected.Length; epoch++)
        {
            Close.Equal(expected[epoch], losses[epoch], Tolerance, $"{name} loss at epoch {epoch}");
        }

        var weights = fixture.GetProperty("final_weights").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        var biases = fixture.GetProperty("final_biases").EnumerateArray().Select(NumPyFixtures.Vector).ToArray();
        for (var i = 0; i < network.LayerCount; i++)
        {
            Close.Equal(weights[i], network.Weights[i], Tolerance, $"{name} W{i + 1}");
            Close.Equal(biases[i], network.Biases[i], Tolerance, $"{name} b{i + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(ConvergingCasesOnBothPaths))]
    public void The_printed_lines_are_identical(string name, bool readable)
    {
        var fixture = NumPyFixtures.TrainingCase(name);
        var (network, input, target) = Setup(fixture);
        var printEvery = fixture.GetProperty("print_every").GetInt32();
        var printed = new List<string>();

        Train(readable, network, input, target, fixture.GetProperty("epochs").GetInt32(), fixture.GetProperty("lr").GetDouble(), (epoch, loss) =>
        {
            if (epoch % printEvery == 0)
            {
                printed.Add(LossLine.Format(epoch, loss));
            }
        });

        Assert.Equal(NumPyFixtures.Strings(fixture.GetProperty("printed")), printed);
    }

    [Fact]
    public void The_original_prints_the_fresh_kernel_numbers()
    {
        var printed = NumPyFixtures.Strings(NumPyFixtures.TrainingCase("original").GetProperty("printed"));
        Assert.Equal("Epoch 0, Loss: 0.0736", printed[0]);
        Assert.Equal("Epoch 900, Loss: 0.0158", printed[^1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_diverging_run_reports_every_finite_loss_then_stops_with_the_epoch(bool readable)
    {
        var fixture = NumPyFixtures.TrainingCase("diverges");
        var (network, input, target) = Setup(fixture);
        var expected = NumPyFixtures.NullableDoubles(fixture.GetProperty("losses"));
        var divergesAt = fixture.GetProperty("diverges_at_epoch").GetInt32();
        var reported = new List<double>();

        var error = Assert.Throws<TrainingDivergedException>(() =>
            Train(readable, network, input, target, fixture.GetProperty("epochs").GetInt32(), fixture.GetProperty("lr").GetDouble(), (_, loss) => reported.Add(loss)));

        Assert.All(reported, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(error.Epoch == divergesAt || error.Epoch == divergesAt - 1, $"stopped at {error.Epoch}, NumPy's loss overflowed at {divergesAt}");
        Assert.Equal(divergesAt, reported.Count); // every finite loss NumPy printed, and no more
        for (var epoch = 0; epoch < reported.Count; epoch++)
        {
            Close.Equal(expected[epoch]!.Value, reported[epoch], Tolerance, $"loss at epoch {epoch}");
        }

        Assert.Contains("smaller learning rate", error.Message);
        Assert.Contains($"epoch {error.Epoch}", error.Message);
    }

    /// <summary>The original's order of draws: weights, then X, then y (or X and y from the CSV).</summary>
    internal static (Network Network, Matrix<double> Input, Matrix<double> Target) Setup(JsonElement fixture)
    {
        var seed = fixture.GetProperty("seed").GetInt64();
        var layers = NumPyFixtures.Integers(fixture.GetProperty("layers"));
        var init = fixture.GetProperty("init").GetString() == "he" ? Initialization.He : Initialization.Randn;
        if (fixture.GetProperty("data").GetString() == "csv")
        {
            var network = Network.Create(layers, new NumPyRandom(seed), init);
            var data = CsvDataset.Load(Path.Combine(NumPyFixtures.Folder, fixture.GetProperty("csv_file").GetString()!), "target");
            return (network, data.Features, data.Targets);
        }

        var (drawn, input, target) = RandomProblem.Draw(layers, fixture.GetProperty("samples").GetInt32(), seed, init);
        return (drawn, input, target);
    }
}
