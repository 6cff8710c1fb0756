using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/03-experiments.ipynb, run in the real kernel: what changes the loss curve.</summary>
[Collection(NotebookCollection.Name)]
public partial class ExperimentsNotebookTests
{
    private static NotebookRun Run => NotebookRun.Of("03-experiments.ipynb");

    [Fact]
    public void Every_cell_runs_without_an_error()
    {
        Assert.Empty(Run.FailedCells);
        Assert.True(Run.Command.ExitCode == 0, Run.Command.ToString());
    }

    [Fact]
    public void Every_chart_has_a_title_and_titled_axes()
    {
        var charts = Run.Charts;

        Assert.Equal(10, charts.Count);  // eight on training, two of the 1-8-8-1 fit (kinks, dead units)
        Assert.All(charts, chart =>
        {
            Assert.False(string.IsNullOrWhiteSpace(chart.Title));
            var axes = chart.Layout.EnumerateObject().Where(p => AxisName().IsMatch(p.Name)).ToList();
            Assert.NotEmpty(axes);
            Assert.All(axes, axis => Assert.False(string.IsNullOrWhiteSpace(PlotlyChart.AxisTitle(axis.Value)), $"{chart.Title}: {axis.Name} has no title"));
        });
    }

    [Fact]
    public void The_learning_rate_sweep_reports_the_diverging_run_and_draws_only_finite_losses()
    {
        var diverged = Assert.Single(Run.PrintedLines, line => line.StartsWith("lr = 2: diverged at epoch ", StringComparison.Ordinal));
        var epoch = int.Parse(DivergedEpoch().Match(diverged).Groups[1].Value, CultureInfo.InvariantCulture);

        var chart = Chart("Learning-rate sweep");
        Assert.Equal(["lr = 0.001", "lr = 0.01", "lr = 0.1", "lr = 0.3", $"lr = 2 (diverged at epoch {epoch})"], chart.Traces.Select(Name));
        Assert.All(chart.Traces.Take(4), trace => Assert.Equal(1000, PlotlyChart.Numbers(trace, "y").Length));
        var divergedCurve = PlotlyChart.Numbers(chart.Traces[4], "y");
        Assert.Equal(epoch, divergedCurve.Length);
        Assert.All(divergedCurve, loss => Assert.True(double.IsFinite(loss)));
        Close.Equal(NumPyFixture.Original.Losses, PlotlyChart.Numbers(chart.Traces[1], "y"));  // lr = 0.01 is lesson 1's run
        var y = chart.Layout.GetProperty("yaxis");
        Assert.Equal("log", y.GetProperty("type").GetString());
        Assert.Equal(2, y.GetProperty("range").GetArrayLength());  // cut off, so the other curves stay readable
    }

    [Fact]
    public void The_stuck_run_sits_exactly_at_the_variance_of_y()
    {
        var variance = Value("Variance of y:");
        var stuck = Value("Final loss with lr = 0.3:");

        Assert.Equal(variance, stuck);
    }

    [Fact]
    public void The_heatmaps_show_both_layer_2_units_dead_after_the_big_steps_only()
    {
        var chart = Chart("Which hidden ReLUs fire");

        Assert.Equal(6, chart.Traces.Count);  // before, lr = 0.01, lr = 0.3; two hidden layers each
        Assert.All(chart.Traces, t => Assert.Equal("heatmap", Type(t)));
        var layer2AfterBigSteps = Z(chart.Traces[5]);
        Assert.Equal(10, layer2AfterBigSteps.Length);
        Assert.All(layer2AfterBigSteps, row => Assert.Equal([0, 0], row));
        Assert.Contains(Z(chart.Traces[3]), row => row.Contains(1));  // lr = 0.01 keeps layer 2 alive
        var subtitles = chart.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains("After lr = 0.3, layer 2: 2 units, 2 dead", subtitles);
    }

    [Fact]
    public void The_gradients_of_the_big_steps_drop_to_exactly_zero_on_a_linear_axis()
    {
        var chart = Chart("lr = 0.3: weight gradient per layer");

        Assert.Equal(3, chart.Traces.Count);
        Assert.Equal("linear", chart.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.All(chart.Traces, trace =>
        {
            var norms = PlotlyChart.Numbers(trace, "y");
            Assert.Equal(30, norms.Length);
            Assert.True(norms[0] > 0);
            Assert.Equal(0, norms[^1]);
        });
        Assert.Contains(Run.PrintedLines, line => line.StartsWith("Dead hidden units (of 4), epoch by epoch: 0 ", StringComparison.Ordinal) && line.EndsWith(" 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Width_and_depth_compares_four_shapes_and_the_biggest_fits_lowest()
    {
        var chart = Chart("Width and depth");

        Assert.Equal(
            ["3-2-2-1 (17 parameters)", "3-16-16-1 (353 parameters)", "3-64-1 (321 parameters)", "3-16-16-16-1 (625 parameters)"],
            chart.Traces.Select(Name));
        var finals = chart.Traces.Select(t => PlotlyChart.Numbers(t, "y")[^1]).ToList();
        Assert.Equal(finals.Min(), finals[3]);
    }

    [Fact]
    public void He_initialization_trains_the_deep_network_where_randn_kills_it()
    {
        var chart = Chart("Initialization");

        Assert.Equal(["randn initialization", "He initialization"], chart.Traces.Select(Name));
        var randn = PlotlyChart.Numbers(chart.Traces[0], "y");
        var he = PlotlyChart.Numbers(chart.Traces[1], "y");
        Assert.True(randn[0] > 100 * he[0]);
        Assert.True(he[^1] < randn[^1] / 5);
    }

    [Fact]
    public void The_csv_data_set_is_loaded_scaled_and_trained_on()
    {
        var printed = Run.PrintedLines;

        Assert.Contains("300 days. Features: temperature_c, humidity_pct, wind_kmh, daylight_min. Target: rentals.", printed);
        Assert.Contains("240 days to train on, 60 days to test on", printed);
        var scaling = Run.Cells.SelectMany(HtmlTables.In).Where(t => t.Caption.StartsWith("feature ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["feature means 1×4", "feature std 1×4"], scaling.Select(t => t.Caption));

        var training = Chart("Bike rentals: training loss");
        Assert.Equal(["straight line, 4-1", "network, 4-16-16-1"], training.Traces.Select(Name));
        var network = PlotlyChart.Numbers(training.Traces[1], "y");
        Assert.Equal(1000, network.Length);
        Assert.True(network[^1] < network[0] / 100, "the network's training loss should fall by two orders of magnitude");
        Assert.Equal(3, Chart("Bike rentals: weight gradient per layer").Traces.Count);
    }

    [Fact]
    public void The_network_beats_the_straight_line_on_the_held_out_days_and_plots_its_predictions()
    {
        var line = Assert.Single(Run.PrintedLines, l => l.StartsWith("Test days, typical error (RMSE): ", StringComparison.Ordinal));
        var errors = BikeErrors().Match(line);
        var network = double.Parse(errors.Groups[1].Value, CultureInfo.InvariantCulture);
        var straight = double.Parse(errors.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(network, 200, 400);
        Assert.True(network < straight * 0.7, line);

        var chart = Chart("Bike rentals on the 60 test days");
        var dots = chart.Traces[0];
        Assert.Equal("markers", dots.GetProperty("mode").GetString());
        Assert.Equal(60, PlotlyChart.Numbers(dots, "x").Length);
        Assert.Equal(60, PlotlyChart.Numbers(dots, "y").Length);
        Assert.Equal("perfect: prediction = target", Name(chart.Traces[1]));
        Assert.Equal("Target (bikes hired per day)", PlotlyChart.AxisTitle(chart.Layout.GetProperty("xaxis")));
        Assert.Equal("Prediction (bikes hired per day)", PlotlyChart.AxisTitle(chart.Layout.GetProperty("yaxis")));
    }

    private static PlotlyChart Chart(string titleStart) =>
        Assert.Single(Run.Charts, chart => chart.Title.StartsWith(titleStart, StringComparison.Ordinal));

    private static double Value(string label)
    {
        var line = Assert.Single(Run.PrintedLines, l => l.StartsWith(label, StringComparison.Ordinal));
        return double.Parse(line[label.Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static string? Name(JsonElement trace) => trace.GetProperty("name").GetString();

    private static string? Type(JsonElement trace) => trace.GetProperty("type").GetString();

    private static int[][] Z(JsonElement trace) =>
        trace.GetProperty("z").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();

    [GeneratedRegex(@"^[xy]axis\d*$")]
    private static partial Regex AxisName();

    [GeneratedRegex(@"diverged at epoch (\d+)")]
    private static partial Regex DivergedEpoch();

    [GeneratedRegex(@"network (\d+) bikes, straight line (\d+) bikes")]
    private static partial Regex BikeErrors();
}
