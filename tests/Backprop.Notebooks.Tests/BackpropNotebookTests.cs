using System.Globalization;
using System.Text.Json;

namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/01-backprop.ipynb, run in the real kernel, against the original notebook's NumPy run.</summary>
[Collection(NotebookCollection.Name)]
public class BackpropNotebookTests
{
    private static NotebookRun Run => NotebookRun.Of("01-backprop.ipynb");

    private static NumPyFixture NumPy => NumPyFixture.Original;

    [Fact]
    public void Every_cell_runs_without_an_error()
    {
        Assert.Empty(Run.FailedCells);
        Assert.True(Run.Command.ExitCode == 0, Run.Command.ToString());
    }

    [Fact]
    public void It_prints_exactly_the_lines_NumPy_printed()
    {
        Assert.Equal(NumPy.Printed, Run.PrintedLines);
    }

    [Fact]
    public void Its_loss_chart_carries_the_loss_of_every_epoch_on_a_log_axis()
    {
        var chart = Assert.Single(Run.Charts, c => c.Traces.All(t => Type(t) == "scatter"));

        var line = Assert.Single(chart.Traces);
        Assert.Equal(Enumerable.Range(0, 1000).Select(epoch => (double)epoch), PlotlyChart.Numbers(line, "x"));
        Close.Equal(NumPy.Losses, PlotlyChart.Numbers(line, "y"));
        Assert.Equal("log", chart.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("Epoch", PlotlyChart.AxisTitle(chart.Layout.GetProperty("xaxis")));
        Assert.StartsWith("Loss", PlotlyChart.AxisTitle(chart.Layout.GetProperty("yaxis")), StringComparison.Ordinal);
        Assert.StartsWith("Training loss per epoch", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void It_shows_the_initial_weights_as_tables()
    {
        var tables = Run.Charts.First(c => c.Traces.All(t => Type(t) == "table"));

        Assert.Equal(NumPy.InitialWeights.Count, tables.Traces.Count);
        for (var layer = 0; layer < tables.Traces.Count; layer++)
        {
            var columns = tables.Traces[layer].GetProperty("cells").GetProperty("values").EnumerateArray()
                .Skip(1)  // the row numbers
                .Select(column => column.EnumerateArray().Select(cell => cell.GetString()).ToArray());
            var expected = Transpose(NumPy.InitialWeights[layer])
                .Select(column => column.Select(w => w.ToString("F4", CultureInfo.InvariantCulture)).ToArray());
            Assert.Equal(expected, columns);
        }
    }

    private static string? Type(JsonElement trace) => trace.GetProperty("type").GetString();

    private static double[][] Transpose(double[][] rows) =>
        Enumerable.Range(0, rows[0].Length).Select(column => rows.Select(row => row[column]).ToArray()).ToArray();
}
