namespace Backprop.Charts.Tests;

public sealed class ChartFileTests : IDisposable
{
    private const string CdnScript = "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"";

    private readonly string _folder = Directory.CreateTempSubdirectory("chart-file-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_writes_a_page_that_draws_the_chart_with_plotly_from_a_cdn()
    {
        var path = Path.Combine(_folder, "loss.html");

        var written = ChartFile.Save(LossChart.Create([0.5, 0.25]), path);

        Assert.Equal(path, written);
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[0.5,0.25]", html, StringComparison.Ordinal);
        Assert.Contains(CdnScript, html, StringComparison.Ordinal);
        Assert.True(new FileInfo(path).Length < 100_000);
    }

    [Fact]
    public void Save_with_plotly_embedded_writes_a_page_that_needs_no_internet()
    {
        var path = Path.Combine(_folder, "offline.html");

        ChartFile.Save(LossChart.Create([0.5, 0.25]), path, embedPlotlyJs: true);

        var html = File.ReadAllText(path);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.DoesNotContain(CdnScript, html, StringComparison.Ordinal);
        Assert.Contains("plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.True(new FileInfo(path).Length > 3_000_000, "plotly.js (about 3.6 MB) should be inside the page");
    }

    [Fact]
    public void Save_creates_the_folder_and_returns_the_full_path()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_folder, "a", "b", "chart.html"));

        var written = ChartFile.Save(LossChart.Create([1.0]), relative);

        Assert.Equal(Path.Combine(_folder, "a", "b", "chart.html"), written);
        Assert.True(File.Exists(written));
    }

    [Fact]
    public void Save_replaces_an_older_page_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "loss.html");
        File.WriteAllText(path, "old page");

        ChartFile.Save(LossChart.Create([0.75]), path);

        Assert.Contains("\"y\":[0.75]", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Save_that_fails_leaves_no_temporary_file_behind()
    {
        var path = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(path);  // a folder where the page should go: the final rename fails

        Assert.ThrowsAny<IOException>(() => ChartFile.Save(LossChart.Create([0.5]), path));

        Assert.Empty(Directory.GetFiles(_folder));
    }
}
