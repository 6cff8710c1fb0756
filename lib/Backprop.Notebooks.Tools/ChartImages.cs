using Backprop.Charts;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// Puts a static PNG image right after every interactive chart of an executed notebook, drawn from that chart's own
/// definition (<see cref="ChartImage"/>): GitHub and other viewers that run no JavaScript show the image. Every SVG
/// picture gets its PNG too, in the same output as an HTML <c>img</c>: Debian's <c>jupyter nbconvert --to html</c>
/// (6.5) strips an SVG's drawing and leaves a blank box, but shows HTML, which it prefers to SVG, as do JupyterLab and
/// VS Code; so every viewer shows the picture once.
/// </summary>
internal static partial class ChartImages
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^<svg[^>]*\swidth=""([0-9.]+)""")]
    private static partial System.Text.RegularExpressions.Regex SvgWidth();

    /// <summary>How many charts a notebook has, and the browser that drew their images (<c>null</c>: none found).</summary>
    public readonly record struct Result(int Charts, string? Browser);

    /// <summary>
    /// Whether an output is an interactive chart: a <c>div</c> whose script calls <c>Plotly.newPlot</c> (not the setup
    /// cell's plotly.js, a <c>script</c> that defines it).
    /// </summary>
    public static bool IsChart(JsonNode output) =>
        output["data"]?["text/html"] is { } html && NotebookFile.Text(html) is var text
        && text.StartsWith("<div", StringComparison.Ordinal) && text.Contains("Plotly.newPlot(", StringComparison.Ordinal);

    /// <summary>Whether an output is a chart's static image (a display of a PNG and nothing else).</summary>
    public static bool IsImage(JsonNode output) =>
        output["data"] is JsonObject data && data.Count == 1 && data.ContainsKey("image/png");

    /// <summary>Whether <paramref name="mimeType"/> of <paramref name="output"/> is a picture's PNG (the HTML beside its SVG).</summary>
    public static bool IsPictureImage(JsonNode output, string mimeType) =>
        mimeType == "text/html" && output["data"] is JsonObject data && data.ContainsKey(SvgMimeType);

    private const string SvgMimeType = "image/svg+xml";

    /// <summary>
    /// Replaces the images after the charts of <paramref name="notebook"/>, and the PNGs of its pictures, with fresh
    /// ones. Without a browser, the notebook keeps its charts and pictures and gets no images.
    /// </summary>
    public static Result AddBesideCharts(NotebookFile notebook)
    {
        var pictures = notebook.CodeCells().SelectMany(c => c.Cell["outputs"] as JsonArray ?? [])
            .OfType<JsonObject>().Where(o => o["data"] is JsonObject data && data.ContainsKey(SvgMimeType))
            .Select(o => o["data"]!.AsObject()).ToList();
        foreach (var picture in pictures)
        {
            picture.Remove("text/html");
        }

        var charts = new List<(JsonArray Outputs, JsonObject Chart)>();
        foreach (var (_, cell) in notebook.CodeCells())
        {
            if (cell["outputs"] is not JsonArray outputs)
            {
                continue;
            }

            foreach (var image in outputs.Where(o => o is not null && IsImage(o)).ToList())
            {
                outputs.Remove(image);
            }

            charts.AddRange(outputs.Where(o => o is not null && IsChart(o)).Select(o => (outputs, o!.AsObject())));
        }

        var browser = ChartImage.FindBrowser();
        if (browser is not null && pictures.Count > 0)
        {
            var svgs = pictures.Select(data => NotebookFile.Text(data[SvgMimeType])).ToList();
            var picturePngs = ChartImage.SvgPngs(svgs, browser);
            for (var i = 0; i < pictures.Count; i++)
            {
                var width = SvgWidth().Match(svgs[i]) is { Success: true } match ? $" width=\"{match.Groups[1].Value}\"" : "";
                pictures[i]["text/html"] = NotebookFile.Lines($"<img src=\"data:image/png;base64,{Convert.ToBase64String(picturePngs[i])}\"{width} alt=\"a picture\">");
            }
        }

        if (browser is null || charts.Count == 0)
        {
            return new Result(charts.Count, browser);
        }

        var fragments = charts.Select(c => NotebookFile.Text(c.Chart["data"]!["text/html"])).ToList();
        var pngs = ChartImage.Pngs(fragments, browser);
        for (var i = 0; i < charts.Count; i++)
        {
            var (outputs, chart) = charts[i];
            var image = NotebookFile.DisplayOutput([KeyValuePair.Create("image/png", Convert.ToBase64String(pngs[i]))]);
            outputs.Insert(outputs.IndexOf(chart) + 1, image);
        }

        return new Result(charts.Count, browser);
    }
}
