using System.Text;

namespace Backprop.Charts;

/// <summary>
/// A chart as a piece of HTML that draws without the internet: the chart's own <c>div</c> and script, and, once per
/// page, the plotly.js that Plotly.NET carries inside itself.
/// </summary>
/// <remarks>
/// Plotly.NET's own HTML loads plotly.js from a CDN (and, in a notebook, require.js too), so a page or notebook opened
/// without a connection draws nothing. Here the chart's script only calls <c>Plotly.newPlot</c>, and the page gets
/// plotly.js once, from <see cref="PlotlyJsScript"/>: a notebook shows it in its setup cell, a written lesson page
/// at its top.
/// </remarks>
public static class ChartHtml
{
    private static readonly Lazy<string> PlotlyJs = new(ReadPlotlyJs);

    /// <summary>The version of plotly.js that Plotly.NET embeds, for example <c>2.28.0</c>.</summary>
    public static string PlotlyJsVersion => global::Globals.PLOTLYJS_VERSION;

    /// <summary>
    /// The chart's <c>div</c> and the script that draws it with the page's plotly.js (see
    /// <see cref="PlotlyJsScript"/>); no CDN link.
    /// </summary>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var options = DisplayOptions.setPlotlyReference(PlotlyJSReference.NoReference).Invoke(GenericChart.getDisplayOptions(chart));
        return GenericChart.toChartHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>
    /// A <c>script</c> element holding the whole of plotly.js (about 3.6 MB), which defines <c>window.Plotly</c>
    /// even on a page that also loads require.js (as Jupyter's pages do).
    /// </summary>
    public static string PlotlyJsScript()
    {
        // plotly.js registers itself with require.js when a page has it, and then window.Plotly stays undefined.
        // Hiding define, module and exports from it makes it set window.Plotly in every page.
        var script = new StringBuilder();
        script.Append("<script type=\"text/javascript\">/* plotly.js ").Append(PlotlyJsVersion).Append(", from Plotly.NET */\n");
        script.Append("(function (define, module, exports) {\n").Append(PlotlyJs.Value).Append("\n}).call(window);\n</script>");
        return script.ToString();
    }

    private static string ReadPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = $"Plotly.NET.plotly-{PlotlyJsVersion}.min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET carries no resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
