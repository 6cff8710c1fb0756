using System.Globalization;
using System.Xml.Linq;
using Backprop.Pictures;

namespace Backprop.Charts.Tests.Pictures;

/// <summary>
/// What a picture shows, read back from its SVG: the numbers by the name they are marked with, and the units that
/// are drawn grey. A shown number agrees with a value when they differ by at most half a unit of its last digit.
/// </summary>
internal sealed class Shown
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private Shown(XElement root) => Root = root;

    public XElement Root { get; }

    public static Shown Of(Svg picture)
    {
        Assert.StartsWith("<svg", picture.ToString());
        return new Shown(XElement.Parse(picture.Content));
    }

    /// <summary>Every element marked with <c>data-name</c> = <paramref name="name"/>.</summary>
    public IEnumerable<XElement> Named(string name) => Root.Descendants().Where(e => (string?)e.Attribute("data-name") == name);

    /// <summary>The one number marked <paramref name="name"/>, as text.</summary>
    public string Number(string name) => Named(name).Single(e => e.Name == Svg + "tspan").Value;

    /// <summary>The one number marked <paramref name="name"/> inside <paramref name="part"/>.</summary>
    public static string Number(XElement part, string name) =>
        part.Descendants(Svg + "tspan").Single(e => (string?)e.Attribute("data-name") == name).Value;

    /// <summary>Asserts that <paramref name="shown"/>, rounded for display, is <paramref name="value"/>.</summary>
    public static void Agrees(double value, string shown, string what)
    {
        var parsed = double.Parse(shown, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(parsed - value) <= HalfLastDigit(shown) * 1.000001, $"{what}: shows {shown} for {value:R}");
    }

    /// <summary>The tspans of a numbers line (<c>[1.76, 0.400]</c>), in order.</summary>
    public static IReadOnlyList<XElement> Entries(XElement line) =>
        line.Elements(Svg + "tspan").Where(span => span.Attribute("data-index") is not null).ToList();

    public static XElement Line(XElement group, string role, int? row = null) =>
        group.Elements(Svg + "text").Single(t => (string?)t.Attribute("data-role") == role && (row is null || (int?)t.Attribute("data-row") == row));

    public IEnumerable<XElement> Kind(string kind) => Root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("data-kind") == kind);

    public static XElement Circle(XElement unit) => unit.Element(Svg + "circle")!;

    private static double HalfLastDigit(string shown)
    {
        var mantissa = shown.Split('e')[0];
        var exponent = shown.Contains('e') ? int.Parse(shown.Split('e')[1], CultureInfo.InvariantCulture) : 0;
        var decimals = mantissa.Contains('.') ? mantissa.Length - mantissa.IndexOf('.') - 1 : 0;
        return 0.5 * Math.Pow(10, exponent - decimals);
    }
}
