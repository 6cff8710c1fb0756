using System.Globalization;
using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>The console program against NumPy: printouts identical, saved weights within 1e-9.</summary>
public class MainJobTests
{
    [Fact]
    public void With_no_options_it_prints_exactly_the_ten_lines_of_the_fresh_notebook_run()
    {
        var run = CliRun.Of();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(NumPyFixtures.Strings(NumPyFixtures.TrainingCase("original").GetProperty("printed")), run.Lines);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Prints_the_same_under_a_German_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            var run = CliRun.Of("--lr", "0.01", "--epochs", "1");
            Assert.Equal(["Epoch 0, Loss: 0.0736"], run.Lines);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }
    }

    public static TheoryData<string> Cases() =>
        new(NumPyFixtures.TrainingCaseNames().Where(name => name != "diverges"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Any_fixture_run_prints_NumPys_lines_and_saves_NumPys_weights(string name)
    {
        var fixture = NumPyFixtures.TrainingCase(name);
        using var folder = new TemporaryFolder();
        var model = folder.File("model.json");

        var run = CliRun.Of([.. ArgumentsFor(fixture), "--save", model]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(NumPyFixtures.Strings(fixture.GetProperty("printed")), run.Lines);
        var saved = JsonDocument.Parse(File.ReadAllText(model)).RootElement;
        Assert.Equal(NumPyFixtures.Integers(fixture.GetProperty("layers")), NumPyFixtures.Integers(saved.GetProperty("layers")));
        var expectedWeights = fixture.GetProperty("final_weights").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        var expectedBiases = fixture.GetProperty("final_biases").EnumerateArray().Select(NumPyFixtures.Vector).ToArray();
        var weights = saved.GetProperty("weights").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        var biases = saved.GetProperty("biases").EnumerateArray().Select(NumPyFixtures.Vector).ToArray();
        Assert.Equal(expectedWeights.Length, weights.Length);
        for (var i = 0; i < weights.Length; i++)
        {
            Close.Equal(expectedWeights[i], weights[i], 1e-9, $"W{i + 1}");
            Close.Equal(expectedBiases[i], biases[i], 1e-9, $"b{i + 1}");
        }
    }

    [Fact]
    public void A_diverging_run_prints_NumPys_finite_lines_then_exits_3_without_NaN()
    {
        var fixture = NumPyFixtures.TrainingCase("diverges");

        var run = CliRun.Of(ArgumentsFor(fixture));

        Assert.Equal(3, run.ExitCode);

        // The losses grow to 1e262, where four decimals print ~260 digits: the last ~245 of them are below
        // a double's precision, so the lines are compared as numbers (to 1e-12), not as text.
        var expected = NumPyFixtures.Strings(fixture.GetProperty("printed"));
        Assert.Equal(expected.Length, run.Lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var (expectedEpoch, expectedLoss) = SplitLine(expected[i]);
            var (epoch, loss) = SplitLine(run.Lines[i]);
            Assert.Equal(expectedEpoch, epoch);
            Close.Equal(expectedLoss, loss, 1e-12, expectedEpoch);
        }

        Assert.DoesNotContain("NaN", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("inf", run.Stdout, StringComparison.OrdinalIgnoreCase);
        var message = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("diverged at epoch 4", message);
        Assert.Contains("smaller learning rate", message);
    }

    [Fact]
    public void Warns_on_stderr_when_most_hidden_relus_died()
    {
        var run = CliRun.Of("--lr", "0.5", "--epochs", "50", "--print-every", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, run.Lines.Length);
        var warning = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: 3 of 4 hidden ReLU units output 0 for every sample (layer 1 unit 1, layer 2 unit 1, layer 2 unit 2)", warning);
        Assert.Contains("smaller learning rate", warning);
        Assert.Contains("--init he", warning);
    }

    [Fact]
    public void The_dead_relu_warning_does_not_suggest_what_the_run_already_did()
    {
        var run = CliRun.Of("--lr", "0.5", "--epochs", "50", "--init", "he", "--seed", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("warning: 4 of 4 hidden ReLU units", run.Stderr);
        Assert.DoesNotContain("--init he", run.Stderr);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--seed", "--layers", "--lr", "--epochs", "--print-every", "--samples", "--init", "--data", "--target", "--save", "--load", "--predict", "--plot" })
        {
            Assert.Contains(option, run.Stdout);
        }
    }

    private static (string Epoch, double Loss) SplitLine(string line)
    {
        var parts = line.Split(", Loss: ");
        return (parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    internal static string[] ArgumentsFor(JsonElement fixture)
    {
        var args = new List<string>
        {
            "--seed", fixture.GetProperty("seed").GetInt64().ToString(CultureInfo.InvariantCulture),
            "--layers", string.Join(',', NumPyFixtures.Integers(fixture.GetProperty("layers"))),
            "--lr", fixture.GetProperty("lr").GetDouble().ToString("R", CultureInfo.InvariantCulture),
            "--epochs", fixture.GetProperty("epochs").GetInt32().ToString(CultureInfo.InvariantCulture),
            "--print-every", fixture.GetProperty("print_every").GetInt32().ToString(CultureInfo.InvariantCulture),
            "--init", fixture.GetProperty("init").GetString()!,
        };
        if (fixture.GetProperty("data").GetString() == "csv")
        {
            args.AddRange(["--data", Path.Combine(NumPyFixtures.Folder, fixture.GetProperty("csv_file").GetString()!), "--target", "target"]);
        }
        else
        {
            args.AddRange(["--samples", fixture.GetProperty("samples").GetInt32().ToString(CultureInfo.InvariantCulture)]);
        }

        return [.. args];
    }
}
