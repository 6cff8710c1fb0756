using System.Net;
using System.Text;
using Markdig;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// An executed notebook as one HTML page that opens in any browser without the internet: prose, equations, code,
/// printed lines, tables and charts (plotly.js comes with the setup cell's output, once).
/// </summary>
/// <remarks>
/// Equations are typeset by MathJax when this machine has it where Debian's <c>libjs-mathjax</c> puts it; otherwise
/// the page shows their TeX source.
/// </remarks>
internal static class LessonPage
{
    private const string MathJax = "/usr/share/javascript/mathjax/MathJax.js";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Writes the page for <paramref name="notebook"/> to <paramref name="path"/>.</summary>
    public static void Save(NotebookFile notebook, string path)
    {
        OutputFile.Write(path, Html(notebook, Path.GetFileNameWithoutExtension(path)));
    }

    /// <summary>The page's HTML.</summary>
    public static string Html(NotebookFile notebook, string title)
    {
        var page = new StringBuilder();
        page.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>
            body { font-family: sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
            pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; }
            pre.output { background: #fff; border-left: 3px solid #ccc; }
            table { border-collapse: collapse; } td, th { padding: 0.2em 0.5em; border: 1px solid #ddd; }
            div.output > svg { max-width: 100%; height: auto; }
            </style>

            """);
        if (File.Exists(MathJax))
        {
            page.Append("<script type=\"text/x-mathjax-config\">MathJax.Hub.Config({ tex2jax: { inlineMath: [['$','$'], ['\\\\(','\\\\)']], processEscapes: true } });</script>\n");
            page.Append($"<script src=\"{new Uri(MathJax).AbsoluteUri}?config=TeX-AMS_HTML\"></script>\n");
        }

        page.Append("</head><body>\n");
        foreach (var cell in notebook.Cells.OfType<JsonObject>())
        {
            if (NotebookFile.IsCode(cell))
            {
                page.Append("<pre class=\"code\"><code>").Append(WebUtility.HtmlEncode(NotebookFile.Source(cell))).Append("</code></pre>\n");
                AppendOutputs(page, cell["outputs"] as JsonArray ?? []);
            }
            else
            {
                page.Append(Markdig.Markdown.ToHtml(NotebookFile.Source(cell), Markdown)).Append('\n');
            }
        }

        page.Append("</body></html>\n");
        return page.ToString();
    }

    private static void AppendOutputs(StringBuilder page, JsonArray outputs)
    {
        foreach (var output in outputs.OfType<JsonObject>())
        {
            if ((string?)output["output_type"] == "stream")
            {
                page.Append("<pre class=\"output\">").Append(WebUtility.HtmlEncode(NotebookFile.Text(output["text"]))).Append("</pre>\n");
                continue;
            }

            // The page runs JavaScript, so a chart draws itself and its static image would only repeat it.
            if (output["data"] is not JsonObject data || ChartImages.IsImage(output))
            {
                continue;
            }

            if (data["text/html"] is { } html)
            {
                page.Append("<div class=\"output\">").Append(NotebookFile.Text(html)).Append("</div>\n");
            }
            else if (data["image/svg+xml"] is { } svg)
            {
                page.Append("<div class=\"output\">").Append(NotebookFile.Text(svg)).Append("</div>\n");
            }
            else if (data["text/plain"] is { } text)
            {
                page.Append("<pre class=\"output\">").Append(WebUtility.HtmlEncode(NotebookFile.Text(text))).Append("</pre>\n");
            }
        }
    }
}
