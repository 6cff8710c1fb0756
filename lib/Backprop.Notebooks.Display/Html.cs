using System.Net;
using System.Text;

namespace Backprop.Notebooks;

/// <summary>
/// Small pieces of HTML for the formatters. Everything they write is also well-formed XML (every tag closed,
/// text and attributes encoded), so tests can read a table back.
/// </summary>
internal static class Html
{
    /// <summary>Tables sit side by side, aligned at the top, and wrap on a narrow screen.</summary>
    public const string PanelStyle = "display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start";

    /// <summary>Room around a cell's text.</summary>
    public const string CellStyle = "padding:2px 8px";

    /// <summary>Numbers right-aligned, digits equally wide so columns line up.</summary>
    public const string NumberStyle = CellStyle + ";text-align:right;font-variant-numeric:tabular-nums;font-family:monospace";

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static void Element(StringBuilder html, string tag, string text, string? style = null, string? title = null)
    {
        html.Append('<').Append(tag);
        Attribute(html, "style", style);
        Attribute(html, "title", title);
        html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
    }

    public static void Attribute(StringBuilder html, string name, string? value)
    {
        if (value is not null)
        {
            html.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
        }
    }
}
