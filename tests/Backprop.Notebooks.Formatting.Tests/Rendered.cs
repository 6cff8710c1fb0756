using System.Xml.Linq;
using Microsoft.DotNet.Interactive.Formatting;

namespace Backprop.Notebooks.Formatting.Tests;

/// <summary>
/// A value as the notebook kernel renders it, through the registered formatters, read back as XML so that tests
/// check the tables' cells rather than how the markup is spelled.
/// </summary>
internal static class Rendered
{
    static Rendered() => Formatters.Register();

    /// <summary>What Jupyter and VS Code show: the value's HTML, parsed (it must be well-formed).</summary>
    public static XElement Html(object value) => XElement.Parse(value.ToDisplayString(HtmlFormatter.MimeType));

    /// <summary>What a console shows.</summary>
    public static string Text(object value) => value.ToDisplayString(PlainTextFormatter.MimeType);

    public static IReadOnlyList<XElement> Tables(XElement html) =>
        html.DescendantsAndSelf("table").ToList();

    /// <summary>The caption's text, as a reader sees it (<c>W1 3×2</c>).</summary>
    public static string Caption(XElement table) => table.Element("caption")!.Value;

    /// <summary>The header row's cells.</summary>
    public static string[] Header(XElement table) =>
        table.Element("thead")!.Descendants("th").Select(th => th.Value).ToArray();

    /// <summary>The body's rows, each as its cells' text (row-number cell included).</summary>
    public static string[][] Rows(XElement table) =>
        table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements().Select(cell => cell.Value).ToArray()).ToArray();

    /// <summary>The tooltips of the value cells, row by row.</summary>
    public static string[][] Tooltips(XElement table) =>
        table.Element("tbody")!.Elements("tr")
            .Select(tr => tr.Elements("td").Select(td => (string?)td.Attribute("title") ?? string.Empty).ToArray())
            .ToArray();

    /// <summary>The lines of a text rendering, without trailing blanks.</summary>
    public static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
