namespace Backprop.Tests.Cli;

/// <summary>
/// Issue 19: --plot in the builds users run, each in its own process with its own runtimeconfig.json (the one
/// <c>PublishAot</c> fills with the native build's feature switches): <c>dotnet Backprop.Cli.dll</c> (Debug, as
/// <c>dotnet build</c> makes it), and <c>dotnet run --project cli/Backprop.Cli</c> in Debug and in Release. The page
/// must draw in Chromium with the network refused.
/// </summary>
public sealed class PlotProcessTests(PlotProcessTests.Sources sources) : IClassFixture<PlotProcessTests.Sources>
{
    [SkippableFact]
    public void The_dotnet_build_writes_a_chart_that_chromium_draws_offline()
    {
        using var folder = new TemporaryFolder();
        var page = folder.File("loss.html");

        var run = BuiltProgram.Dotnet.Run(["--epochs", "100", "--no-progress", "--plot", page], new RunSettings());

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(string.Empty, run.Stderr);
        AssertDrawnOffline(page);
    }

    [SkippableTheory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void Dotnet_run_writes_a_chart_that_chromium_draws_offline(string configuration)
    {
        using var folder = new TemporaryFolder();
        var page = folder.File("loss.html");
        var dotnetRun = new BuiltProgram("dotnet", ["run", "--project", sources.Copy.CliProject, "-c", configuration, "--"]);

        var run = dotnetRun.Run(["--epochs", "100", "--plot", page], new RunSettings { WorkingDirectory = folder.Path });

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.EndsWith("Epoch 0, Loss: 0.0736\n", run.Stdout, StringComparison.Ordinal);
        AssertDrawnOffline(page);
    }

    [SkippableFact]
    public void The_same_page_with_plotly_js_from_its_cdn_draws_nothing_so_the_network_is_really_refused()
    {
        Skip.IfNot(OfflineChromium.Installed, "Chromium is not installed (.ci/run installs it)");
        using var folder = new TemporaryFolder();
        var page = folder.Write("cdn.html", "<html><body><div id=\"c\"></div><script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>"
            + "<script>Plotly.newPlot('c', [{ y: [1, 2, 3] }]);</script></body></html>");

        Assert.Equal(0, OfflineChromium.DrawnCharts(page));
    }

    private static void AssertDrawnOffline(string page)
    {
        Skip.IfNot(OfflineChromium.Installed, "Chromium is not installed (.ci/run installs it)");
        Assert.Equal(1, OfflineChromium.DrawnCharts(page));
    }

    /// <summary>One copy of the sources for the class, for <c>dotnet run</c> to build in.</summary>
    public sealed class Sources : IDisposable
    {
        internal SourceCopy Copy { get; } = new();

        public void Dispose() => Copy.Dispose();
    }
}
