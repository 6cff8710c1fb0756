using System.Text;
using Backprop.Files;

namespace Backprop.Charts;

/// <summary>Writes a chart to an HTML page that any browser opens.</summary>
public static class ChartFile
{
    /// <summary>
    /// Writes <paramref name="chart"/> as a complete HTML page to <paramref name="path"/>, creating its folder if
    /// needed, and returns the page's full path.
    /// </summary>
    /// <remarks>
    /// The page is written to a temporary file in the same folder, then renamed over <paramref name="path"/>:
    /// a reader (or a crash) never sees half a page, and an older page stays whole until the new one is complete.
    /// A page with several hard links is the exception: the complete page is copied into it in place, under an
    /// exclusive lock, so that every link sees it; a SIGKILL or power cut during that copy can leave it partly
    /// rewritten (<c>AtomicFile</c>'s remarks say exactly what is promised).
    /// </remarks>
    /// <param name="chart">The chart, for example from <see cref="LossChart.Create"/>.</param>
    /// <param name="path">Where to write the page, for example <c>loss.html</c>.</param>
    /// <param name="embedPlotlyJs">
    /// <c>false</c> (the default): the page loads plotly.js from a CDN, stays small (a few kB plus the data) and
    /// needs the internet to draw. <c>true</c>: the page carries plotly.js itself (about 3.6 MB more) and draws
    /// offline, for classrooms without a connection.
    /// </param>
    public static string Save(GenericChart chart, string path, bool embedPlotlyJs = false)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);

        var page = embedPlotlyJs ? WithPlotlyJsEmbedded(chart) : chart;
        var html = GenericChart.toEmbeddedHTML(page);

        AtomicFile.Replace(fullPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.Write(html);
        });

        return fullPath;
    }

    /// <summary>The same chart, set to include the whole of plotly.js in its page instead of a CDN link.</summary>
    private static GenericChart WithPlotlyJsEmbedded(GenericChart chart)
    {
        var options = DisplayOptions.setPlotlyReference(PlotlyJSReference.Full).Invoke(GenericChart.getDisplayOptions(chart));
        return GenericChart.setDisplayOptions(options, chart);
    }
}
