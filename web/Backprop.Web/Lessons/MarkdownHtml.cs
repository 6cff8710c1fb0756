using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Backprop.Web.Lessons;

/// <summary>
/// A markdown cell as HTML, with Markdig (the library the twins' pages use): tables, raw HTML such as the
/// <c>&lt;details&gt;</c> solutions, and math left as <c>\( … \)</c> and <c>\[ … \]</c> in elements of class
/// <c>math</c> (and <c>display</c> for <c>$$ … $$</c>), which the page typesets with KaTeX.
/// </summary>
public static partial class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseMathematics()
        .UseAutoIdentifiers()
        .Build();

    /// <summary>The cell's HTML. A link to a lesson's notebook (<c>02-one-step.ipynb</c>) goes to its page instead.</summary>
    public static string Render(string markdown)
    {
        var document = Markdown.Parse(DisplayMathOnOneLine(markdown), Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && LessonCatalog.All.FirstOrDefault(lesson => url == lesson.DownloadName) is { } lesson)
            {
                link.Url = lesson.Href;
            }
        }

        // $$ … $$ within a paragraph is display math in Jupyter; Markdig writes it as inline math, marked here.
        foreach (var math in document.Descendants<Markdig.Extensions.Mathematics.MathInline>().Where(math => math.DelimiterCount == 2))
        {
            math.GetAttributes().AddClass("display");
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>
    /// Jupyter (MathJax) typesets <c>$$ … $$</c> that spans lines inside a paragraph; Markdig reads it as math only
    /// when it is on one line, so its line breaks become spaces (TeX reads them as spaces anyway).
    /// </summary>
    private static string DisplayMathOnOneLine(string markdown) =>
        DisplayMath().Replace(markdown, math => math.Value.ReplaceLineEndings(" "));

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\$[^$]+\$\$")]
    private static partial System.Text.RegularExpressions.Regex DisplayMath();
}
