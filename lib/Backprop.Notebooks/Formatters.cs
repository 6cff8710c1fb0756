using Microsoft.DotNet.Interactive.Formatting;

namespace Backprop.Notebooks;

/// <summary>
/// Makes the lessons' values show in a notebook as <see cref="Renderings"/> renders them: matrices, vectors, networks
/// and gradient checks as tables, a grader's report as its ✔/✘ lines, a picture as an image, and charts without the
/// internet (<see cref="ChartDisplay"/>).
/// </summary>
/// <remarks>
/// Call <see cref="Register"/> once, in a notebook's setup cell, after loading this library. Each type gets a
/// formatter for every format it renders to (HTML or SVG for Jupyter and VS Code, plain text for a console or a
/// text-only front end; also <c>value.ToDisplayString("text/plain")</c>), and the kernel shows its preferred ones.
/// </remarks>
public static class Formatters
{
    /// <summary>Registers the formatters with .NET Interactive. Calling it again registers them again; no harm.</summary>
    public static void Register()
    {
        foreach (var rendering in Renderings.All)
        {
            foreach (var mimeType in rendering.MimeTypes)
            {
                Formatter.Register(rendering.Type, (value, writer) => writer.Write(rendering.Render(value, mimeType)), mimeType);
            }

            Formatter.SetPreferredMimeTypesFor(rendering.Type, [.. rendering.PreferredMimeTypes]);
        }
    }
}
