using System.Text;
using System.Text.Json;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// A chart found in HTML (a notebook output or a saved page): the <c>data</c> and <c>layout</c> that the page
/// hands to <c>Plotly.newPlot</c>, parsed as JSON.
/// </summary>
internal sealed class PlotlyChart
{
    private PlotlyChart(JsonElement data, JsonElement layout)
    {
        Traces = data.EnumerateArray().ToList();
        Layout = layout;
    }

    public IReadOnlyList<JsonElement> Traces { get; }

    public JsonElement Layout { get; }

    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    /// <summary>The chart in <paramref name="html"/>, or <c>null</c> if it draws none.</summary>
    public static PlotlyChart? Find(string html)
    {
        // A chart is a div and its script; the setup cell's plotly.js (a script) also mentions Plotly.newPlot.
        if (!html.StartsWith("<div", StringComparison.Ordinal) || !html.Contains("Plotly.newPlot", StringComparison.Ordinal))
        {
            return null;
        }

        return new PlotlyChart(JsonAfter(html, "var data = "), JsonAfter(html, "var layout = "));
    }

    public static double[] Numbers(JsonElement trace, string name) =>
        trace.GetProperty(name).EnumerateArray().Select(value => value.GetDouble()).ToArray();

    public static string AxisTitle(JsonElement axis) => axis.GetProperty("title").GetProperty("text").GetString()!;

    /// <summary>Reads the one JSON value that starts right after <paramref name="marker"/>.</summary>
    private static JsonElement JsonAfter(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException($"The chart's HTML has no `{marker}`.");
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(html[(start + marker.Length)..]), isFinalBlock: false, state: default);
        using var value = JsonDocument.ParseValue(ref reader);
        return value.RootElement.Clone();
    }
}
