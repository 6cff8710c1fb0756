using System.Text;
using Backprop.Grading;

namespace Backprop.Notebooks;

/// <summary>
/// A grader's report as a notebook shows it: one line per item, right ones (✔) green, wrong ones (✘) red, and lines
/// that grade nothing, not done yet (○) and notes (·), grey.
/// </summary>
internal static class GradingView
{
    public static string ToHtml(GradingReport report)
    {
        var html = new StringBuilder("<div style=\"font-family:monospace;line-height:1.6\">");
        foreach (var item in report.Items)
        {
            var color = item.Mistake switch
            {
                Mistake.NotDone or Mistake.Note => "#6e7781",
                _ => item.Passed ? "#1a7f37" : "#cf222e",
            };
            Html.Element(html, "div", item.Message, $"color:{color}");
        }

        return html.Append("</div>").ToString();
    }
}
