using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// Whether a notebook's committed outputs are what a fresh run makes: printed lines, tables and chart data must be
/// equal; volatile ids (the GUIDs Plotly.NET gives each chart's <c>div</c>), execution counts, the charts' static images
/// (drawn from the chart data that is compared), the setup cell's output (what this machine had to install and
/// build) and the displays of a cell tagged <c>measured</c> (timings, which no two runs share; its printed lines are
/// still compared) are exempt. A cell's printed text is compared apart from its displays: dotnet-repl writes a cell's
/// standard output after its displays, where Jupyter and the twins keep the order in which they came.
/// </summary>
internal static partial class OutputComparison
{
    /// <summary>The tag of a cell whose displays are measurements (times): exempt from the comparison.</summary>
    public const string MeasuredTag = "measured";

    /// <summary>One line per code cell whose outputs differ, naming the cell and the first difference.</summary>
    public static List<string> Differences(NotebookFile committed, NotebookFile fresh)
    {
        var differences = new List<string>();
        var committedCells = committed.CodeCells().Skip(1).ToList();
        var freshCells = fresh.CodeCells().Skip(1).ToList();
        if (committedCells.Count != freshCells.Count)
        {
            return [$"{committedCells.Count} code cells committed, {freshCells.Count} run"];
        }

        foreach (var ((index, was), (_, now)) in committedCells.Zip(freshCells))
        {
            // dotnet-repl's executed notebook drops cell tags, so either side's tag counts.
            var measured = IsMeasured(was) || IsMeasured(now);
            var (a, b) = (Comparable(was, measured), Comparable(now, measured));
            if (a != b)
            {
                differences.Add($"cell {index} ({NotebookFile.Source(was).Split('\n')[0]}): {FirstDifference(a, b)}");
            }
        }

        return differences;
    }

    /// <summary>A cell's outputs as text, with what is exempt taken out.</summary>
    public static string Comparable(JsonObject cell) => Comparable(cell, IsMeasured(cell));

    /// <summary>Whether a cell is tagged <see cref="MeasuredTag"/>.</summary>
    public static bool IsMeasured(JsonObject cell) =>
        (cell["metadata"]?["tags"] as JsonArray ?? []).Any(tag => (string?)tag == MeasuredTag);

    private static string Comparable(JsonObject cell, bool measured)
    {
        var text = new StringBuilder();
        var outputs = (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>().Where(o => !ChartImages.IsImage(o)).ToList();
        var printed = string.Concat(outputs.Where(o => o["text"] is not null).Select(o => NotebookFile.Text(o["text"])));
        if (printed.Length > 0)
        {
            text.Append("[printed]\n").Append(printed).Append('\n');
        }

        foreach (var output in outputs.Where(o => o["text"] is null && !measured))
        {
            text.Append('[').Append((string?)output["output_type"]).Append(']').Append('\n');
            foreach (var (mimeType, content) in (output["data"] as JsonObject ?? []).Where(p => !ChartImages.IsPictureImage(output, p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(mimeType).Append(": ").Append(NotebookFile.Text(content)).Append('\n');
            }

            if (output["ename"] is { } error)
            {
                text.Append((string?)error).Append(": ").Append((string?)output["evalue"]).Append('\n');
            }
        }

        return Guid().Replace(text.ToString(), "<id>");
    }

    private static string FirstDifference(string committed, string fresh)
    {
        var (a, b) = (committed.Split('\n'), fresh.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "(nothing)", i < b.Length ? b[i] : "(nothing)");
            if (x != y)
            {
                return $"committed `{Short(x)}`, a fresh run `{Short(y)}`";
            }
        }

        return "they differ";
    }

    private static string Short(string line) => line.Length <= 120 ? line : line[..117] + "...";

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")]
    private static partial Regex Guid();
}
