using System.Text.RegularExpressions;
using Backprop.Charts;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// Opens a page in headless Chromium with every network request refused, as in a classroom without internet, and
/// counts the charts plotly.js drew.
/// </summary>
internal static partial class OfflineBrowser
{
    /// <summary>The page's document after its scripts ran.</summary>
    public static string Dom(string page) => Run(page, "--dump-dom").Output;

    /// <summary>Takes a screenshot of the page, to look at.</summary>
    public static void Screenshot(string page, string png, int height) =>
        Run(page, $"--screenshot={png}", $"--window-size=1100,{height}");

    /// <summary>How many charts a document shows drawn: plotly.js gives each drawn chart one main SVG with a background (and two more layers without).</summary>
    public static int DrawnCharts(string dom) => DrawnChart().Matches(dom).Count;

    private static CommandResult Run(string page, params string[] what)
    {
        var browser = ChartImage.FindBrowser() ?? throw new InvalidOperationException("No Chromium: install chromium (.ci/run does when CI=true).");
        var profile = Directory.CreateTempSubdirectory("offline-browser-").FullName;
        try
        {
            var result = CommandLine.Run(Path.GetTempPath(), browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--virtual-time-budget=20000", .. what, new Uri(page).AbsoluteUri,
            ]);
            return result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [GeneratedRegex("<svg class=\"main-svg\"[^>]*style=\"background")]
    private static partial Regex DrawnChart();
}
