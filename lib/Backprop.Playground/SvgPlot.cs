using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Backprop.Playground;

/// <summary>
/// A small SVG plot: a frame, axes mapped from data to pixels, polylines, dots and text, built with System.Xml.Linq so
/// every text is escaped. The playground's live charts are drawn with it, light enough to redraw on every frame.
/// </summary>
internal sealed class SvgPlot
{
    public const string Ink = "#1f2937";
    public const string Muted = "#6b7280";
    public const string Grid = "#e5e7eb";
    public const string Prediction = "#2563eb";
    public const string Target = "#ea580c";
    public const string Off = "#9ca3af";

    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    private readonly XElement _root;

    public SvgPlot(double width, double height, string title, string label)
    {
        (Width, Height) = (width, height);
        _root = new XElement(Ns + "svg",
            new XAttribute("width", Fixed(width)), new XAttribute("height", Fixed(height)),
            new XAttribute("viewBox", $"0 0 {Fixed(width)} {Fixed(height)}"), new XAttribute("role", "img"),
            new XAttribute("aria-label", label), new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
            new XAttribute("font-size", "11"));
        _root.Add(new XElement(Ns + "title", label));
        Add(Element("rect", ("x", 0), ("y", 0), ("width", width), ("height", height), ("fill", "white")));
        Text(8, 14, title, Ink, "start", 12.5);
    }

    public double Width { get; }

    public double Height { get; }

    public void Add(XElement element) => _root.Add(element);

    public void Line(double x1, double y1, double x2, double y2, string colour, double width = 1, string? dash = null)
    {
        var line = Element("line", ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", colour), ("stroke-width", width));
        if (dash is not null)
        {
            line.SetAttributeValue("stroke-dasharray", dash);
        }

        Add(line);
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string colour, double width, string name, string? dash = null)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in points)
        {
            AppendPoint(text, x, y);
        }

        Polyline(text.ToString().TrimEnd(), colour, width, name, dash);
    }

    /// <summary>A polyline through <paramref name="points"/>, written as <see cref="AppendPoint"/> writes them.</summary>
    public void Polyline(string points, string colour, double width, string name, string? dash = null)
    {
        var line = Element("polyline", ("points", points),
            ("fill", "none"), ("stroke", colour), ("stroke-width", width), ("stroke-linejoin", "round"), ("data-name", name));
        if (dash is not null)
        {
            line.SetAttributeValue("stroke-dasharray", dash);
        }

        Add(line);
    }

    /// <summary>
    /// Appends the point (<paramref name="x"/>, <paramref name="y"/>) to a polyline's points as <c>"x,y "</c>, in whole
    /// pixels: integers format several times faster than decimals, which matters in the browser's interpreter when a
    /// curve is redrawn every frame.
    /// </summary>
    public static void AppendPoint(StringBuilder points, double x, double y) =>
        points.Append(CultureInfo.InvariantCulture, $"{(int)Math.Round(x)},{(int)Math.Round(y)} ");

    public void Dot(double x, double y, double radius, string colour) =>
        Add(Element("circle", ("cx", x), ("cy", y), ("r", radius), ("fill", colour)));

    public void Box(double x, double y, double width, double height, string fill, string? name = null)
    {
        var box = Element("rect", ("x", x), ("y", y), ("width", width), ("height", height), ("fill", fill));
        if (name is not null)
        {
            box.SetAttributeValue("data-name", name);
        }

        Add(box);
    }

    public void Text(double x, double y, string text, string colour, string anchor = "middle", double size = 11)
    {
        var element = Element("text", ("x", x), ("y", y), ("fill", colour), ("text-anchor", anchor), ("font-size", size));
        element.Add(text);
        Add(element);
    }

    public string ToSvg() => _root.ToString(SaveOptions.DisableFormatting);

    /// <summary>Maps <paramref name="value"/> from [from, to] onto the pixels [start, end].</summary>
    public static double Scale(double value, double from, double to, double start, double end) =>
        to == from ? (start + end) / 2 : start + ((value - from) / (to - from) * (end - start));

    /// <summary>A number for an axis label: three significant digits, invariant.</summary>
    public static string Label(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static XElement Element(string name, params (string Name, object Value)[] attributes)
    {
        var element = new XElement(Ns + name);
        foreach (var (attribute, value) in attributes)
        {
            element.SetAttributeValue(attribute, value is double d ? Fixed(d) : value is int i ? i.ToString(CultureInfo.InvariantCulture) : value.ToString());
        }

        return element;
    }

    private static string Fixed(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
