using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Charts;

/// <summary>
/// A chart as a static PNG image, drawn by plotly.js itself in a headless Chromium: the same chart definition as the
/// interactive chart, for places that show pictures but run no JavaScript (GitHub, a printed page).
/// </summary>
/// <remarks>
/// The browser is the one on this machine, found by <see cref="FindBrowser"/>: the <c>CHROMIUM</c> environment variable
/// if set, else <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> or <c>google-chrome-stable</c> on the
/// <c>PATH</c> (Debian: <c>apt-get install chromium</c>). It loads a page that carries plotly.js, so no network is used.
/// </remarks>
public static partial class ChartImage
{
    private static readonly string[] BrowserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The headless browser's path, or <c>null</c> when this machine has none.</summary>
    public static string? FindBrowser()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => BrowserNames.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The PNG images of charts' HTML fragments (from <see cref="ChartHtml.Fragment"/>), in order; one browser run
    /// draws them all.
    /// </summary>
    /// <param name="chartFragments">Each chart's <c>div</c> and the script that calls <c>Plotly.newPlot</c>.</param>
    /// <param name="browser">The headless browser, from <see cref="FindBrowser"/>.</param>
    /// <exception cref="InvalidOperationException">The browser did not draw every image; the message says what it printed.</exception>
    public static IReadOnlyList<byte[]> Pngs(IReadOnlyList<string> chartFragments, string browser)
    {
        ArgumentNullException.ThrowIfNull(chartFragments);
        ArgumentNullException.ThrowIfNull(browser);
        if (chartFragments.Count == 0)
        {
            return [];
        }

        return Draw(Page(chartFragments), chartFragments.Count, browser);
    }

    /// <summary>Loads <paramref name="pageHtml"/> in the browser and reads the <paramref name="count"/> PNGs it writes into its elements.</summary>
    private static List<byte[]> Draw(string pageHtml, int count, string browser)
    {
        var folder = Directory.CreateTempSubdirectory("chart-image-").FullName;
        try
        {
            var page = Path.Combine(folder, "images.html");
            File.WriteAllText(page, pageHtml, new UTF8Encoding(false));
            var (exitCode, dom, errors) = Run(browser, folder, page);
            var images = ImageElement().Matches(dom)
                .OrderBy(match => int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Select(match => Convert.FromBase64String(match.Groups["base64"].Value))
                .ToList();
            if (exitCode != 0 || images.Count != count)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(browser)} drew {images.Count} of {count} images (exit code {exitCode}): {errors.Trim()}");
            }

            return images;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// PNG images of SVG pictures, drawn by <paramref name="browser"/> at twice their size (sharp on high-density
    /// screens), in the order given: for viewers that show no SVG, as <see cref="Pngs"/> does for charts.
    /// </summary>
    /// <param name="svgs">Each picture's SVG document, with its <c>width</c> and <c>height</c>.</param>
    /// <param name="browser">A Chromium, from <see cref="FindBrowser"/>.</param>
    /// <exception cref="InvalidOperationException">The browser did not draw every picture; the message says how many it drew.</exception>
    public static IReadOnlyList<byte[]> SvgPngs(IReadOnlyList<string> svgs, string browser)
    {
        ArgumentNullException.ThrowIfNull(svgs);
        ArgumentNullException.ThrowIfNull(browser);
        return svgs.Count == 0 ? [] : Draw(SvgPage(svgs), svgs.Count, browser);
    }

    /// <summary>A page that draws each SVG on a canvas and writes its PNG, as a data URL, into an element.</summary>
    private static string SvgPage(IReadOnlyList<string> svgs) =>
        $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"></head><body>
        {{string.Join("\n", svgs.Select((svg, index) => $"<img id=\"picture-{index}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">"))}}
        <script type="text/javascript">
        document.querySelectorAll('img').forEach(function (picture, index) {
            function draw() {
                var canvas = document.createElement('canvas');
                canvas.width = picture.naturalWidth * 2;
                canvas.height = picture.naturalHeight * 2;
                var context = canvas.getContext('2d');
                context.fillStyle = 'white';
                context.fillRect(0, 0, canvas.width, canvas.height);
                context.drawImage(picture, 0, 0, canvas.width, canvas.height);
                var image = document.createElement('pre');
                image.id = 'chart-image-' + index;
                image.textContent = canvas.toDataURL('image/png');
                document.body.appendChild(image);
            }
            if (picture.complete) { draw(); } else { picture.onload = draw; }
        });
        </script>
        </body></html>
        """;

    /// <summary>A page that draws the charts and then writes each one's PNG, as a data URL, into an element.</summary>
    private static string Page(IReadOnlyList<string> chartFragments) =>
        $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"></head><body>
        {{ChartHtml.PlotlyJsScript()}}
        {{string.Join("\n", chartFragments)}}
        <script type="text/javascript">
        document.querySelectorAll('.js-plotly-plot').forEach(function (chart, index) {
            Plotly.toImage(chart, { format: 'png' }).then(function (url) {
                var image = document.createElement('pre');
                image.id = 'chart-image-' + index;
                image.textContent = url;
                document.body.appendChild(image);
            });
        });
        </script>
        </body></html>
        """;

    private static (int ExitCode, string Dom, string Errors) Run(string browser, string profile, string page)
    {
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={Path.Combine(profile, "profile")}", "--virtual-time-budget=10000", "--dump-dom",
            new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, dom, errors.Result);
    }

    [GeneratedRegex("<pre id=\"chart-image-(?<index>[0-9]+)\">data:image/png;base64,(?<base64>[A-Za-z0-9+/=]+)</pre>")]
    private static partial Regex ImageElement();
}
