using System.Globalization;
using Backprop.Charts;
using Backprop.Grading;
using Backprop.Pictures;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;

namespace Backprop.Notebooks;

/// <summary>
/// How the lessons' values show, written once for every front end: a matrix or vector, a <see cref="MatrixPanel"/>, a
/// <see cref="Network"/>, the result of <see cref="GradientCheck.Run"/> as tables; a grader's
/// <see cref="GradingReport"/> as its ✔/✘ lines; a picture (<see cref="Svg"/>) as an image; a Plotly chart as its
/// <c>div</c> and script (<see cref="ChartDisplay"/>).
/// </summary>
/// <remarks>
/// The .NET Interactive kernel registers these as its formatters (<c>Formatters.Register</c> in Backprop.Notebooks),
/// the console twins' written lessons show values through the kernel's formatters, and the lessons in the browser
/// (Backprop.Cells) call <see cref="Of"/>. Each type has an HTML (or SVG) rendering and a plain-text one.
/// </remarks>
public static class Renderings
{
    /// <summary>HTML, what Jupyter and VS Code show for tables and charts.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>Plain text, what a console or a text-only front end shows.</summary>
    public const string TextMimeType = "text/plain";

    /// <summary>
    /// The lessons' types and how each shows, in the order they are looked up (<see cref="For"/>): the first whose
    /// type the value is (a <c>DenseMatrix</c> is a <c>Matrix&lt;double&gt;</c>) renders it.
    /// </summary>
    public static IReadOnlyList<TypeRendering> All { get; } =
    [
        Both<Matrix<double>>(m => Single(m), m => MatrixTable.Text(null, m)),
        Both<Vector<double>>(v => Single(v.ToRowMatrix()), v => MatrixTable.Text(null, v.ToRowMatrix())),
        Both<MatrixPanel>(panel => panel.ToHtml(), panel => panel.ToString()),
        Both<Network>(NetworkView.Html, NetworkView.Text),
        Both<GradientCheckResult>(GradientCheckReport.ToHtml, GradientCheckReport.ToText),
        Both<GradingReport>(GradingView.ToHtml, report => report.ToString()),

        // A picture is an image (image/svg+xml, which GitHub shows too), not the HTML of an object; a notebook keeps both.
        new(typeof(Svg), [Svg.MimeType, TextMimeType], new Dictionary<string, Func<object, string>>
        {
            [Svg.MimeType] = svg => ((Svg)svg).Content,
            [TextMimeType] = _ => "(a picture: open the notebook to see it)",
        }),

        Both<GenericChart>(ChartHtml.Fragment, _ => "A Plotly chart (its picture follows where it is shown without JavaScript)"),
        Both<ChartDisplay.PlotlyJsScript>(_ => ChartHtml.PlotlyJsScript(), script => script.ToString()),
    ];

    /// <summary>How a value of <paramref name="type"/> shows, or null when it is none of the lessons' types.</summary>
    public static TypeRendering? For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return All.FirstOrDefault(rendering => rendering.Type.IsAssignableFrom(type));
    }

    /// <summary>
    /// <paramref name="value"/> in the formats a notebook keeps for it, the kernel's preferred ones: HTML for the
    /// lessons' tables and charts, SVG and text for a picture, text for a string. Any other value shows as its text
    /// (<c>ToString</c> in the invariant culture), and null as <c>&lt;null&gt;</c>, as the kernel writes it.
    /// </summary>
    public static IReadOnlyList<Rendering> Of(object? value)
    {
        if (value is null)
        {
            return [new(TextMimeType, "<null>")];
        }

        if (For(value.GetType()) is { } rendering)
        {
            return rendering.PreferredMimeTypes.Select(mimeType => new Rendering(mimeType, rendering.Render(value, mimeType))).ToList();
        }

        return [new(TextMimeType, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")];
    }

    private static string Single(Matrix<double> matrix)
    {
        var html = new System.Text.StringBuilder();
        MatrixTable.WriteHtml(html, null, matrix);
        return html.ToString();
    }

    private static TypeRendering Both<T>(Func<T, string> html, Func<T, string> text) =>
        new(typeof(T), [HtmlMimeType], new Dictionary<string, Func<object, string>>
        {
            [HtmlMimeType] = value => html((T)value),
            [TextMimeType] = value => text((T)value),
        });
}

/// <summary>One of the lessons' types and how its values show (see <see cref="Renderings"/>).</summary>
public sealed class TypeRendering
{
    private readonly Dictionary<string, Func<object, string>> _renderers;

    internal TypeRendering(Type type, IReadOnlyList<string> preferredMimeTypes, Dictionary<string, Func<object, string>> renderers)
    {
        Type = type;
        PreferredMimeTypes = preferredMimeTypes;
        _renderers = renderers;
    }

    /// <summary>The type; values of types derived from it show the same way.</summary>
    public Type Type { get; }

    /// <summary>The formats a notebook keeps when the value is displayed, in order.</summary>
    public IReadOnlyList<string> PreferredMimeTypes { get; }

    /// <summary>Every format this type renders to (the preferred ones and plain text).</summary>
    public IReadOnlyCollection<string> MimeTypes => _renderers.Keys;

    /// <summary><paramref name="value"/> (of <see cref="Type"/>) rendered as <paramref name="mimeType"/>.</summary>
    /// <exception cref="ArgumentException">The value is not of <see cref="Type"/>, or the type has no such rendering.</exception>
    public string Render(object value, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(mimeType);
        if (!Type.IsInstanceOfType(value))
        {
            throw new ArgumentException($"A {value.GetType().Name} is not a {Type.Name}.", nameof(value));
        }

        return _renderers.TryGetValue(mimeType, out var render)
            ? render(value)
            : throw new ArgumentException($"A {Type.Name} has no {mimeType} rendering; it has {string.Join(", ", MimeTypes)}.", nameof(mimeType));
    }
}

/// <summary>A value rendered in one format: what a notebook output keeps under <paramref name="MimeType"/>.</summary>
/// <param name="MimeType">The format, for example <c>text/html</c>, <c>image/svg+xml</c> or <c>text/plain</c>.</param>
/// <param name="Content">The rendered value in that format.</param>
public sealed record Rendering(string MimeType, string Content);
