using System.Xml.Linq;

namespace Backprop.Pictures;

/// <summary>One line of text inside or under a unit: a grey prefix (<c>z</c>) and a number the tests can find by name.</summary>
/// <param name="Prefix">What the number is: <c>z</c>, <c>a</c>, <c>b</c>.</param>
/// <param name="Value">The number as shown.</param>
/// <param name="Name">What it is in the math, as <c>z1[0]</c> or <c>b2[1]</c> (written as <c>data-name</c>).</param>
/// <param name="Colour">The number's colour.</param>
internal sealed record UnitLine(string Prefix, string Value, string Name, string Colour);

/// <summary>
/// The layout of a network picture, shared by NetworkPicture and GradientFlowPicture: one
/// column of circles per layer (input on the left), an edge for every weight, its label near the edge's start where
/// the edges from one unit fan apart.
/// </summary>
internal sealed class NetworkDiagram(IReadOnlyList<int> sizes)
{
    public const double Radius = 38;
    public const double ColumnGap = 250;
    public const double RowGap = 135;
    public const double Top = 110;
    public const double Side = 90;
    public const double Bottom = 90;

    /// <summary>Where along an edge its label sits: close to the start, where edges from one unit are apart.</summary>
    private const double LabelAt = 0.3;

    public double Width => (2 * Side) + ((sizes.Count - 1) * ColumnGap);

    public double Height => Top + ((sizes.Max() - 1) * RowGap) + (2 * Radius) + Bottom;

    /// <summary>The centre of a unit; <paramref name="layer"/> 0 is the input.</summary>
    public (double X, double Y) Centre(int layer, int unit)
    {
        var middle = Top + Radius + ((sizes.Max() - 1) * RowGap / 2);
        return (Side + (layer * ColumnGap), middle + ((unit - ((sizes[layer] - 1) / 2.0)) * RowGap));
    }

    /// <summary>The heading above a column of units.</summary>
    public XElement ColumnTitle(int layer, string title) =>
        SvgCanvas.Text(Centre(layer, 0).X, Top - 30, title, PictureStyle.Muted, PictureStyle.SmallText);

    /// <summary>A line of small grey text at the bottom of the panel, saying how to read it.</summary>
    public XElement Legend(string text) =>
        SvgCanvas.Text(Width / 2, Height - 16, text, PictureStyle.Muted, PictureStyle.SmallText);

    /// <summary>A panel title, centred above the columns.</summary>
    public XElement Title(string title) =>
        SvgCanvas.Text(Width / 2, 38, title, PictureStyle.Ink, PictureStyle.TitleSize);

    /// <summary>
    /// The edge of weight <paramref name="name"/> from unit <paramref name="from"/> of <paramref name="layer"/> to unit
    /// <paramref name="to"/> of the next layer. Its label comes from <see cref="EdgeLabel"/>, drawn after every edge so
    /// that no line crosses a label.
    /// </summary>
    public XElement Edge(int layer, int from, int to, string name, string colour, double width, double opacity)
    {
        var (sx, sy, ex, ey) = Ends(layer, from, to);
        var line = SvgCanvas.Line(sx, sy, ex, ey, colour, width);
        line.SetAttributeValue("stroke-opacity", opacity);
        return Group("edge", name, line);
    }

    /// <summary>The label of an edge, near its start, where the edges leaving one unit are apart.</summary>
    public XElement EdgeLabel(int layer, int from, int to, string name, string label, string colour)
    {
        var (sx, sy, ex, ey) = Ends(layer, from, to);
        var text = SvgCanvas.Label(sx + ((ex - sx) * LabelAt), sy + ((ey - sy) * LabelAt) + 4.5, colour, PictureStyle.SmallText);
        text.Add(Named(SvgCanvas.Span(label), name));
        return text;
    }

    /// <summary>A unit: its circle, lines of numbers inside, and a caption under it; greyed when <paramref name="off"/>.</summary>
    public XElement Unit(int layer, int unit, string fill, bool off, IReadOnlyList<UnitLine> inside, IReadOnlyList<UnitLine> below)
    {
        var (x, y) = Centre(layer, unit);
        var group = Group("unit", $"unit {layer},{unit}",
            SvgCanvas.Circle(x, y, Radius, off ? PictureStyle.OffFill : fill, off ? PictureStyle.OffStroke : PictureStyle.NodeStroke));
        group.SetAttributeValue("data-layer", layer);
        group.SetAttributeValue("data-unit", unit);
        group.SetAttributeValue("data-off", off ? "true" : "false");
        var top = y + 5 - ((inside.Count - 1) * 8.5);
        for (var i = 0; i < inside.Count; i++)
        {
            group.Add(Line(x, top + (i * 17), inside[i], off));
        }

        for (var i = 0; i < below.Count; i++)
        {
            group.Add(Line(x, y + Radius + 18 + (i * 16), below[i], off));
        }

        return group;
    }

    /// <summary>Where an edge starts and ends: on the two circles, not at their centres.</summary>
    private (double X1, double Y1, double X2, double Y2) Ends(int layer, int from, int to)
    {
        var (x1, y1) = Centre(layer, from);
        var (x2, y2) = Centre(layer + 1, to);
        var length = Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1)));
        var (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length);
        return (x1 + (ux * Radius), y1 + (uy * Radius), x2 - (ux * Radius), y2 - (uy * Radius));
    }

    /// <summary>A group of picture parts, marked for the tests with what it shows.</summary>
    public static XElement Group(string kind, string name, params object[] content)
    {
        var group = SvgCanvas.Element("g", ("data-kind", kind), ("data-name", name));
        group.Add(content);
        return group;
    }

    /// <summary>Marks a number with the quantity it shows (<c>data-name="W1[0,1]"</c>).</summary>
    public static XElement Named(XElement span, string name)
    {
        span.SetAttributeValue("data-name", name);
        return span;
    }

    private static XElement Line(double x, double y, UnitLine line, bool off)
    {
        var text = SvgCanvas.Label(x, y, off ? PictureStyle.OffText : line.Colour);
        text.Add(SvgCanvas.Span(line.Prefix + " ", off ? PictureStyle.OffText : PictureStyle.Muted), Named(SvgCanvas.Span(line.Value), line.Name));
        return text;
    }
}
