using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

/// <summary>--plot writes a self-contained Plotly page of the loss per epoch.</summary>
public partial class PlotCliTests
{
    [Fact]
    public void Writes_a_self_contained_page_with_every_loss_on_a_log_axis()
    {
        using var folder = new TemporaryFolder();
        var page = folder.File("loss.html");

        var run = CliRun.Of("--plot", page);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(10, run.Lines.Length);
        var html = File.ReadAllText(page);
        Assert.DoesNotMatch(@"<script[^>]*\ssrc=", html);     // plotly.js is embedded, not loaded from a CDN
        Assert.True(html.Length > 3_000_000, "the page should carry plotly.js itself");
        Assert.Contains("\"type\":\"log\"", html);
        Assert.Contains("Training loss per epoch (3-2-2-1, lr 0.01, seed 0)", html);
        Assert.Contains("\"Epoch\"", html);

        // The trace's y values are the 1000 losses NumPy computed.
        var data = JsonDocument.Parse(DataArray().Match(html).Groups[1].Value).RootElement;
        var y = data[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = NumPyFixtures.Doubles(NumPyFixtures.TrainingCase("original").GetProperty("losses"));
        Assert.Equal(expected.Length, y.Length);
        for (var i = 0; i < y.Length; i++)
        {
            Close.Equal(expected[i], y[i], 1e-12, string.Create(CultureInfo.InvariantCulture, $"loss {i}"));
        }

        Assert.Equal(["loss.html"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [GeneratedRegex(@"var data = (\[.*?\]);", RegexOptions.Singleline)]
    private static partial Regex DataArray();
}
