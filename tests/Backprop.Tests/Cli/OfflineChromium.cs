using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

/// <summary>Opens a page in Debian's headless Chromium with every network request refused, and counts the charts plotly.js drew.</summary>
internal static partial class OfflineChromium
{
    private const string Browser = "/usr/bin/chromium";

    /// <summary>Whether Chromium is installed (.ci/run installs it).</summary>
    public static bool Installed => File.Exists(Browser);

    /// <summary>How many charts plotly.js drew in <paramref name="page"/>: each drawn chart has one main SVG with a background.</summary>
    public static int DrawnCharts(string page)
    {
        var profile = Directory.CreateTempSubdirectory("offline-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Browser) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--virtual-time-budget=20000", "--dump-dom", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium did not finish");
            _ = stderr.Result;
            return DrawnChart().Matches(dom).Count;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [GeneratedRegex("<svg class=\"main-svg\"[^>]*style=\"background")]
    private static partial Regex DrawnChart();
}
