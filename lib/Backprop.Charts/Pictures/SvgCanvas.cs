using System.Globalization;
using System.Xml.Linq;

namespace Backprop.Pictures;

/// <summary>
/// Builds an SVG document element by element with System.Xml.Linq, so every text is escaped and the result
/// parses. Coordinates are pixels from the top left.
/// </summary>
internal sealed class SvgCanvas
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private readonly XElement _root;

    public SvgCanvas(double width, double height, string title)
    {
        _root = Element("svg",
            ("width", width), ("height", height), ("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            ("font-family", PictureStyle.Font), ("font-size", PictureStyle.TextSize));
        _root.Add(new XElement(Ns + "title", title));
        Add(Element("rect", ("x", 0), ("y", 0), ("width", width), ("height", height), ("fill", "white")));
    }

    /// <summary>Adds elements to the picture and returns the first, for chaining.</summary>
    public XElement Add(XElement element)
    {
        _root.Add(element);
        return element;
    }

    /// <summary>The finished picture.</summary>
    public Svg ToSvg() => new(_root.ToString(SaveOptions.DisableFormatting));

    /// <summary>An SVG element with attributes; numbers are written invariantly.</summary>
    public static XElement Element(string name, params (string Name, object Value)[] attributes)
    {
        var element = new XElement(Ns + name);
        foreach (var (attribute, value) in attributes)
        {
            element.SetAttributeValue(attribute, value is double d ? Number(d) : Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return element;
    }

    public static XElement Line(double x1, double y1, double x2, double y2, string colour, double width) =>
        Element("line", ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", colour), ("stroke-width", width), ("stroke-linecap", "round"));

    public static XElement Circle(double x, double y, double radius, string fill, string stroke) =>
        Element("circle", ("cx", x), ("cy", y), ("r", radius), ("fill", fill), ("stroke", stroke), ("stroke-width", 2.0));

    public static XElement Box(double x, double y, double width, double height, string fill, string stroke) =>
        Element("rect", ("x", x), ("y", y), ("width", width), ("height", height), ("rx", 8.0), ("fill", fill), ("stroke", stroke), ("stroke-width", 1.5));

    /// <summary>Text centred on (x, y)'s column, its baseline at y.</summary>
    public static XElement Text(double x, double y, string text, string colour, double size = PictureStyle.TextSize, string anchor = "middle")
    {
        var element = Element("text", ("x", x), ("y", y), ("fill", colour), ("font-size", size), ("text-anchor", anchor));
        element.Add(text);
        return element;
    }

    /// <summary>Text with a white outline behind it, readable where it crosses a line.</summary>
    public static XElement Label(double x, double y, string colour, double size = PictureStyle.TextSize) =>
        Element("text", ("x", x), ("y", y), ("fill", colour), ("font-size", size), ("text-anchor", "middle"),
            ("stroke", "white"), ("stroke-width", 4.0), ("stroke-linejoin", "round"), ("paint-order", "stroke"));

    public static XElement Span(string text, string? colour = null)
    {
        var span = new XElement(Ns + "tspan", text);
        if (colour is not null)
        {
            span.SetAttributeValue("fill", colour);
        }

        return span;
    }

    private static string Number(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
