using System.Xml;
using System.Xml.Linq;

namespace Backprop.Notebooks.Tests;

/// <summary>A table a notebook showed (from lib/Backprop.Notebooks' formatters), read back from its HTML.</summary>
/// <param name="Caption">The caption as a reader sees it, <c>W1 3×2</c>; empty when the table has none.</param>
/// <param name="Header">The header row's cells.</param>
/// <param name="Rows">The body's rows, each as its cells' text (the row-number cell included).</param>
internal sealed record HtmlTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows);

/// <summary>Reads the formatters' HTML outputs (tables and the sentence above a gradient check) back as text.</summary>
internal static class HtmlTables
{
    /// <summary>Every table in one HTML output; none if the output is not the formatters' XML-clean HTML (a chart).</summary>
    public static IReadOnlyList<HtmlTable> In(string html) =>
        Parse(html)?.DescendantsAndSelf("table").Select(Read).ToList() ?? [];

    /// <summary>Every table a cell showed, in order.</summary>
    public static IReadOnlyList<HtmlTable> In(CellOutputs cell) => cell.Html.SelectMany(In).ToList();

    /// <summary>The first paragraph of the cell's HTML outputs: a gradient check's summary, a network's shape.</summary>
    public static string? Paragraph(CellOutputs cell) =>
        cell.Html.Select(Parse).OfType<XElement>().SelectMany(root => root.DescendantsAndSelf("p")).Select(p => p.Value).FirstOrDefault();

    private static HtmlTable Read(XElement table) => new(
        table.Element("caption")?.Value ?? string.Empty,
        table.Element("thead")?.Descendants("th").Select(th => th.Value).ToArray() ?? [],
        table.Element("tbody")?.Elements("tr").Select(tr => tr.Elements().Select(cell => cell.Value).ToArray()).ToArray() ?? []);

    private static XElement? Parse(string html)
    {
        if (html.Contains("Plotly.newPlot", StringComparison.Ordinal) || !html.TrimStart().StartsWith('<'))
        {
            return null;
        }

        try
        {
            return XElement.Parse(html);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
