using Backprop.Grading;
using Backprop.Pictures;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;

namespace Backprop.Notebooks;

/// <summary>
/// Makes the lessons' values show as tables in a notebook: a matrix or vector, a <see cref="Network"/>, the
/// result of <see cref="GradientCheck.Run"/> and a <see cref="MatrixPanel"/>; a grader's <see cref="GradingReport"/> as
/// its ✔/✘ lines; and a picture (<see cref="Svg"/>) as an image.
/// </summary>
/// <remarks>
/// Call <see cref="Register"/> once, in a notebook's setup cell, after loading this library. Each type gets an
/// HTML formatter (what Jupyter and VS Code show) and a plain-text one (what a console or a text-only front end
/// shows; also <c>value.ToDisplayString("text/plain")</c>).
/// </remarks>
public static class Formatters
{
    /// <summary>Registers the formatters with .NET Interactive. Calling it again registers them again; no harm.</summary>
    public static void Register()
    {
        Both<Matrix<double>>(m => Single(m), m => MatrixTable.Text(null, m));
        Both<Vector<double>>(v => Single(v.ToRowMatrix()), v => MatrixTable.Text(null, v.ToRowMatrix()));
        Both<MatrixPanel>(panel => panel.ToHtml(), panel => panel.ToString());
        Both<Network>(NetworkView.Html, NetworkView.Text);
        Both<GradientCheckResult>(GradientCheckReport.ToHtml, GradientCheckReport.ToText);
        Both<GradingReport>(GradingView.ToHtml, report => report.ToString());

        // A picture is an image (image/svg+xml, which GitHub shows too), not the HTML of an object.
        Formatter.Register<Svg>((svg, writer) => writer.Write(svg.Content), Svg.MimeType);
        Formatter.Register<Svg>((_, writer) => writer.Write("(a picture: open the notebook to see it)"), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Svg), Svg.MimeType, PlainTextFormatter.MimeType);
    }

    private static void Both<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
    }

    private static string Single(Matrix<double> matrix)
    {
        var html = new System.Text.StringBuilder();
        MatrixTable.WriteHtml(html, null, matrix);
        return html.ToString();
    }
}
