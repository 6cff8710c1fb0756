using System.Globalization;
using Backprop.Files;

namespace Backprop.Tests.Cli;

/// <summary>--save, --load and --predict from the command line.</summary>
public class ModelCliTests
{
    [Fact]
    public void Training_100_then_200_more_from_the_saved_model_equals_300_straight_to_the_last_bit()
    {
        using var folder = new TemporaryFolder();
        string first = folder.File("first.json"), second = folder.File("second.json"), straight = folder.File("straight.json");

        Assert.Equal(0, CliRun.Of("--epochs", "100", "--save", first).ExitCode);
        Assert.Equal(0, CliRun.Of("--load", first, "--epochs", "200", "--save", second).ExitCode);
        Assert.Equal(0, CliRun.Of("--epochs", "300", "--save", straight).ExitCode);

        Assert.Equal(File.ReadAllText(straight), File.ReadAllText(second));
    }

    [Fact]
    public void Zero_epochs_after_a_load_saves_the_same_model()
    {
        using var folder = new TemporaryFolder();
        string first = folder.File("first.json"), again = folder.File("again.json");

        Assert.Equal(0, CliRun.Of("--epochs", "100", "--save", first).ExitCode);
        var run = CliRun.Of("--load", first, "--epochs", "0", "--save", again);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(again));
    }

    [Fact]
    public void Predict_writes_one_prediction_per_row_and_the_mse_on_stderr()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("model.json");
        var data = Path.Combine(NumPyFixtures.Folder, "tiny.csv");
        Assert.Equal(0, CliRun.Of("--data", data, "--target", "target", "--layers", "3,4,1", "--lr", "0.05", "--epochs", "200", "--save", model).ExitCode);

        var run = CliRun.Of("--load", model, "--predict", data, "--target", "target");

        Assert.Equal(0, run.ExitCode);
        var network = ModelFile.Load(model);
        var dataset = CsvDataset.Load(data, "target");
        var expected = network.Predict(dataset.Features);
        Assert.Equal("prediction", run.Lines[0]);
        Assert.Equal(expected.RowCount, run.Lines.Length - 1);
        for (var i = 0; i < expected.RowCount; i++)
        {
            Assert.Equal(expected[i, 0], double.Parse(run.Lines[i + 1], CultureInfo.InvariantCulture));
        }

        var mse = double.Parse(run.Stderr.Trim().Replace("MSE: ", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.Equal(Loss.Mse(dataset.Targets, expected), mse);
    }

    [Fact]
    public void Predict_without_a_target_uses_every_column_as_a_feature()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("model.json");
        Assert.Equal(0, CliRun.Of("--layers", "2,3,1", "--epochs", "10", "--save", model).ExitCode);
        var data = folder.Write("x.csv", "a,b\n0.1,0.2\n0.3,0.4\n0.5,0.6\n");

        var run = CliRun.Of("--load", model, "--predict", data);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, run.Lines.Length);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Predict_with_the_wrong_number_of_columns_says_both_numbers()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("model.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);
        var data = folder.Write("x.csv", "a,b\n0.1,0.2\n");

        CliErrorTests.AssertOneLineError(CliRun.Of("--load", model, "--predict", data), 2, "has 2 feature columns (a, b) but the model expects 3 features", "--target");
    }

    [Theory]
    [InlineData("{\"layers\":[3,1]", "not complete, valid JSON")]
    [InlineData("{}", "no \"layers\" array")]
    public void Loading_a_broken_model_exits_2_with_the_reason(string content, string problem)
    {
        using var folder = new TemporaryFolder();
        var model = folder.Write("model.json", content);

        CliErrorTests.AssertOneLineError(CliRun.Of("--load", model), 2, problem, "--save");
    }

    [Fact]
    public void Loading_a_missing_model_says_so()
    {
        CliErrorTests.AssertOneLineError(CliRun.Of("--load", "/no/such/model.json"), 2, "does not exist", "--save one first");
    }

    [Fact]
    public void A_model_trained_on_a_csv_finds_its_columns_by_name_in_any_order()
    {
        using var folder = new TemporaryFolder();
        var ordered = folder.Write("ordered.csv", "temp,humidity,wind,rides\n0.2,0.5,0.1,1.5\n0.8,0.1,0.3,2.5\n0.5,0.9,0.7,1.0\n");
        var shuffled = folder.Write("shuffled.csv", "wind,rides,humidity,temp\n0.1,1.5,0.5,0.2\n0.3,2.5,0.1,0.8\n0.7,1.0,0.9,0.5\n");
        var model = folder.File("m.json");
        Assert.Equal(0, CliRun.Of("--data", ordered, "--target", "rides", "--layers", "3,4,1", "--epochs", "20", "--init", "he", "--save", model).ExitCode);

        var fromOrdered = CliRun.Of("--load", model, "--data", ordered, "--target", "rides", "--epochs", "20", "--print-every", "1", "--save", folder.File("a.json"));
        var fromShuffled = CliRun.Of("--load", model, "--data", shuffled, "--target", "rides", "--epochs", "20", "--print-every", "1", "--save", folder.File("b.json"));
        var predictOrdered = CliRun.Of("--load", model, "--predict", ordered, "--target", "rides");
        var predictShuffled = CliRun.Of("--load", model, "--predict", shuffled, "--target", "rides");

        Assert.Contains("\"columns\":{\"features\":[\"temp\",\"humidity\",\"wind\"],\"target\":\"rides\"}", File.ReadAllText(model));
        Assert.Equal(0, fromShuffled.ExitCode);
        Assert.Equal(fromOrdered.Stdout, fromShuffled.Stdout);
        Assert.Equal(File.ReadAllText(folder.File("a.json")), File.ReadAllText(folder.File("b.json")));
        Assert.Equal(0, predictShuffled.ExitCode);
        Assert.Equal(predictOrdered.Stdout, predictShuffled.Stdout);
        Assert.Equal(predictOrdered.Stderr, predictShuffled.Stderr);
    }

    [Fact]
    public void A_model_trained_on_random_data_predicts_by_position_without_a_warning()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("m.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);

        var run = CliRun.Of("--load", model, "--predict", folder.Write("x.csv", "p,q,r\n0.1,0.2,0.3\n"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
    }
}
