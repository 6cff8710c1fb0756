using System.Text.Json;
using Plotly.NET;

namespace Backprop.Charts.Tests;

/// <summary>
/// A chart as the figure Plotly draws (<c>{"data": [traces], "layout": {...}}</c>), so tests check what is
/// plotted rather than how the HTML around it is spelled.
/// </summary>
internal sealed class Figure
{
    private Figure(JsonElement root)
    {
        Traces = root.GetProperty("data").EnumerateArray().ToList();
        Layout = root.GetProperty("layout");
    }

    public IReadOnlyList<JsonElement> Traces { get; }

    public JsonElement Layout { get; }

    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    public static Figure Of(GenericChart chart)
    {
        using var document = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        return new Figure(document.RootElement.Clone());
    }

    public static double[] Numbers(JsonElement trace, string name) =>
        trace.GetProperty(name).EnumerateArray().Select(value => value.GetDouble()).ToArray();

    public static string[][] Columns(JsonElement cells) =>
        cells.GetProperty("values").EnumerateArray()
            .Select(column => column.EnumerateArray().Select(value => value.GetString()!).ToArray())
            .ToArray();
}
