namespace Backprop.Web.Lessons;

/// <summary>What kind of thing an output shows, and so how the page draws it.</summary>
public enum OutputKind
{
    /// <summary>Printed lines: what the cell wrote to the console (<c>stream</c>).</summary>
    Printed,

    /// <summary>A value shown as plain text (<c>text/plain</c>).</summary>
    Text,

    /// <summary>HTML: a table, a grader's verdict, a Plotly chart (<c>text/html</c>).</summary>
    Html,

    /// <summary>A picture (<c>image/svg+xml</c>).</summary>
    Svg,

    /// <summary>A PNG image, base64 (<c>image/png</c>).</summary>
    Png,

    /// <summary>A compile error, an exception, a stopped cell: one message.</summary>
    Error,
}

/// <summary>One output of a code cell, as the page shows it and as a notebook stores it.</summary>
/// <param name="Kind">How to draw it.</param>
/// <param name="Content">The text, HTML, SVG or base64 PNG.</param>
public sealed record CellOutput(OutputKind Kind, string Content)
{
    /// <summary>True for a Plotly chart's HTML (its script draws with the page's plotly.js).</summary>
    public bool IsChart => Kind == OutputKind.Html && Content.Contains("Plotly.newPlot", StringComparison.Ordinal);
}
