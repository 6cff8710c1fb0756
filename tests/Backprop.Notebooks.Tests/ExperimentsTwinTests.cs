namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/03-experiments.cs, the notebook as a .NET 10 file-based app: its printout, and a page per chart.</summary>
[Collection(NotebookCollection.Name)]
public sealed class ExperimentsTwinTests(ExperimentsTwinTests.Pages pages) : IClassFixture<ExperimentsTwinTests.Pages>
{
    private static readonly string[] PageNames =
    [
        "1-learning-rate", "2-active-units", "3-dying-gradients", "4-width-and-depth",
        "5-initialization", "6-bike-training", "7-bike-gradients", "8-bike-predictions",
    ];

    [Fact]
    public void It_prints_every_line_the_notebook_prints_in_the_same_order()
    {
        Assert.True(pages.Result.ExitCode == 0, pages.Result.ToString());
        Subsequence.Contains(NotebookRun.Of("03-experiments.ipynb").PrintedLines, CommandLine.Lines(pages.Result.Output));
    }

    [Fact]
    public void It_writes_a_page_per_chart_and_says_where()
    {
        Assert.True(pages.Result.ExitCode == 0, pages.Result.ToString());
        foreach (var name in PageNames)
        {
            var page = Path.Combine(pages.Folder, $"03-experiments-{name}.html");
            Assert.Contains($"Chart written to {page}", pages.Result.Error, StringComparison.Ordinal);
            Assert.NotNull(PlotlyChart.Find(File.ReadAllText(page)));
        }
    }

    [Fact]
    public void Its_pages_carry_the_same_charts_as_the_notebook()
    {
        var notebook = NotebookRun.Of("03-experiments.ipynb").Charts;

        var twin = PageNames.Select(name => PlotlyChart.Find(File.ReadAllText(Path.Combine(pages.Folder, $"03-experiments-{name}.html")))!).ToList();

        Assert.Equal(notebook.Select(c => c.Title), twin.Select(c => c.Title));
        for (var i = 0; i < twin.Count; i++)
        {
            Assert.Equal(notebook[i].Traces.Select(Compact), twin[i].Traces.Select(Compact));
        }
    }

    private static string Compact(System.Text.Json.JsonElement trace) => System.Text.Json.JsonSerializer.Serialize(trace);

    /// <summary>One run of the twin, writing its pages to a temporary folder.</summary>
    public sealed class Pages : IDisposable
    {
        public Pages()
        {
            Folder = Directory.CreateTempSubdirectory("notebook-twin-03-").FullName;
            Result = CommandLine.Run(Repository.Root, "dotnet", "run", "notebooks/03-experiments.cs", "--", "--out", Folder);
        }

        internal string Folder { get; }

        internal CommandResult Result { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
