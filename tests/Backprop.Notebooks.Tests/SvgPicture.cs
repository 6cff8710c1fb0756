using System.Globalization;
using System.Xml.Linq;

namespace Backprop.Notebooks.Tests;

/// <summary>A unit of a network picture: its layer and index, whether it is drawn as off, and its labels by name.</summary>
internal sealed record PictureUnit(int Layer, int Unit, bool Off, IReadOnlyDictionary<string, string> Labels);

/// <summary>One entry a graph picture writes on a wire or in a parameter box: its row, index, text and whether it is grey.</summary>
internal sealed record PictureEntry(int Row, int Index, string Text, bool Off)
{
    public double Value => double.Parse(Text, CultureInfo.InvariantCulture);
}

/// <summary>
/// A picture from lib/Backprop.Charts/Pictures read back from its SVG, through the data attributes it marks its parts
/// with: <c>data-kind</c> (unit, edge, wire, parameter), <c>data-name</c>, <c>data-off</c>, <c>data-role</c> (value, gradient).
/// </summary>
internal sealed class SvgPicture(XElement root)
{
    public static SvgPicture Parse(string svg) => new(XElement.Parse(svg));

    /// <summary>The picture's title (its <c>title</c> element).</summary>
    public string Title => Elements("title").First().Value;

    /// <summary>Every named label (<c>tspan data-name="W1[0,0]"</c>) and its text.</summary>
    public IReadOnlyDictionary<string, string> Labels =>
        Elements("tspan").Where(t => t.Attribute("data-name") is not null).ToDictionary(t => (string)t.Attribute("data-name")!, t => t.Value);

    /// <summary>The units of a network picture.</summary>
    public IReadOnlyList<PictureUnit> Units =>
        Parts("unit").Select(g => new PictureUnit(
                (int)g.Attribute("data-layer")!,
                (int)g.Attribute("data-unit")!,
                (string)g.Attribute("data-off")! == "true",
                Named(g)))
            .ToList();

    /// <summary>
    /// What the wire or parameter box <paramref name="name"/> of a graph picture writes as <paramref name="role"/>
    /// (value or gradient). A layer's output wire (<c>a1</c>) is drawn twice, ending one row and starting the next; this
    /// reads the first.
    /// </summary>
    public IReadOnlyList<PictureEntry> Entries(string kind, string name, string role)
    {
        var part = Parts(kind).First(g => (string?)g.Attribute("data-name") == name);
        return part.Descendants().Where(e => e.Name.LocalName == "text" && (string?)e.Attribute("data-role") == role)
            .SelectMany((text, row) => Numbers(text, (int?)text.Attribute("data-row") ?? row))
            .ToList();
    }

    /// <summary>The shape a wire is labelled with (<c>data-shape</c>).</summary>
    public string ShapeOf(string wire) => (string)Parts("wire").First(g => (string?)g.Attribute("data-name") == wire).Attribute("data-shape")!;

    /// <summary>True when <paramref name="shown"/> is <paramref name="expected"/> to the three significant digits the pictures write.</summary>
    public static bool Shows(string shown, double expected) =>
        Math.Abs(double.Parse(shown, CultureInfo.InvariantCulture) - expected) <= (0.005 * Math.Abs(expected)) + 1e-12;

    private static IEnumerable<PictureEntry> Numbers(XElement text, int row)
    {
        var entries = text.Elements().Where(t => t.Attribute("data-index") is not null).ToList();
        return entries.Count == 0
            ? [new PictureEntry(row, 0, text.Value, false)]
            : entries.Select(t => new PictureEntry(row, (int)t.Attribute("data-index")!, t.Value, (string?)t.Attribute("data-off") == "true"));
    }

    private static Dictionary<string, string> Named(XElement part) =>
        part.Descendants().Where(e => e.Name.LocalName == "tspan" && e.Attribute("data-name") is not null)
            .ToDictionary(t => (string)t.Attribute("data-name")!, t => t.Value);

    private IEnumerable<XElement> Parts(string kind) =>
        Elements("g").Where(g => (string?)g.Attribute("data-kind") == kind);

    private IEnumerable<XElement> Elements(string localName) =>
        root.Descendants().Where(e => e.Name.LocalName == localName);
}
