namespace Backprop.Pictures;

/// <summary>
/// A picture as SVG text: a notebook shows it as <c>image/svg+xml</c> (GitHub too), a browser opens it offline,
/// and it can be saved as a <c>.svg</c> file.
/// </summary>
/// <param name="Content">The whole <c>&lt;svg&gt;…&lt;/svg&gt;</c> element.</param>
public sealed record Svg(string Content)
{
    /// <summary>The MIME type to register a notebook formatter for.</summary>
    public const string MimeType = "image/svg+xml";

    /// <summary>The SVG text, so that <c>Console.WriteLine(picture)</c> or a formatter writes it as it is.</summary>
    public override string ToString() => Content;
}
