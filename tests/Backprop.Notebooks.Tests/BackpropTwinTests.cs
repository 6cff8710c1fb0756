namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/01-backprop.cs, the notebook as a .NET 10 file-based app, run with <c>dotnet run</c>.</summary>
[Collection(NotebookCollection.Name)]
public sealed class BackpropTwinTests(BackpropTwinTests.Pages pages) : IClassFixture<BackpropTwinTests.Pages>
{
    [Fact]
    public void It_prints_exactly_the_lines_NumPy_printed_then_says_where_the_chart_is()
    {
        var (result, page) = pages.Default.Value;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(NumPyFixture.Original.Printed, CommandLine.Lines(result.Output));
        Assert.Contains($"Loss chart written to {page}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_chart_page_carries_the_loss_of_every_epoch_on_a_log_axis()
    {
        var (result, page) = pages.Default.Value;

        Assert.True(result.ExitCode == 0, result.ToString());
        var chart = PlotlyChart.Find(File.ReadAllText(page));
        Assert.NotNull(chart);
        Close.Equal(NumPyFixture.Original.Losses, PlotlyChart.Numbers(Assert.Single(chart.Traces), "y"));
        Assert.Equal("log", chart.Layout.GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Offline_puts_plotly_js_inside_the_chart_page()
    {
        var (result, page) = pages.Run("offline.html", "--offline");

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script src=\"https://cdn.plot.ly", html, StringComparison.Ordinal);
        Assert.True(html.Length > 3_000_000, "plotly.js (about 3.6 MB) should be inside the page");
    }

    /// <summary>Runs of the twin, each writing its chart page to a temporary folder; the default run is shared.</summary>
    public sealed class Pages : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("notebook-twin-").FullName;

        public Pages() => Default = new(() => Run("loss.html"));

        internal Lazy<(CommandResult Result, string Page)> Default { get; }

        internal (CommandResult Result, string Page) Run(string pageName, params string[] options)
        {
            var page = Path.Combine(_folder, pageName);
            var result = CommandLine.Run(Repository.Root, "dotnet", ["run", "notebooks/01-backprop.cs", "--", .. options, "--out", page]);
            return (result, page);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
