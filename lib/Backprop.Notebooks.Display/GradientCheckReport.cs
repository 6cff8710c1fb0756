using System.Text;

namespace Backprop.Notebooks;

/// <summary>
/// Renders a <see cref="GradientCheckResult"/> (what <see cref="GradientCheck.Run"/> returns, verdicts included) as
/// the summary and a table: HTML for a notebook, aligned text for a console. It judges nothing itself.
/// </summary>
internal static class GradientCheckReport
{
    /// <summary>The table's columns.</summary>
    private static readonly string[] Header = ["Parameter", "Backprop", "Finite difference", "Relative error", "Verdict"];

    /// <summary>The summary, then the table, as HTML.</summary>
    public static string ToHtml(GradientCheckResult result)
    {
        var html = new StringBuilder("<div class=\"backprop-gradient-check\">");
        Html.Element(html, "p", result.Summary, result.Passed ? "font-weight:bold;color:#1a7f37" : "font-weight:bold;color:#cf222e");
        html.Append("<table style=\"border-collapse:collapse\"><thead><tr>");
        foreach (var title in Header)
        {
            Html.Element(html, "th", title, Html.CellStyle);
        }

        html.Append("</tr></thead><tbody>");
        foreach (var entry in result.Entries)
        {
            html.Append("<tr>");
            Html.Element(html, "td", entry.Parameter, Html.CellStyle + ";font-family:monospace");
            Html.Element(html, "td", Numbers.Precise(entry.Backprop), Html.NumberStyle, Numbers.Full(entry.Backprop));
            Html.Element(html, "td", Numbers.Precise(entry.Numerical), Html.NumberStyle, Numbers.Full(entry.Numerical));
            Html.Element(html, "td", Numbers.Error(entry.RelativeError), Html.NumberStyle, Numbers.Full(entry.RelativeError));
            Html.Element(html, "td", Label(entry.Verdict), VerdictStyle(entry.Verdict), Explanation(entry.Verdict));
            html.Append("</tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The summary, then the table, as aligned text.</summary>
    public static string ToText(GradientCheckResult result)
    {
        var rows = result.Entries.Select(entry => (IReadOnlyList<string>)
        [
            entry.Parameter,
            Numbers.Precise(entry.Backprop),
            Numbers.Precise(entry.Numerical),
            Numbers.Error(entry.RelativeError),
            Label(entry.Verdict),
        ]).ToList();
        return result.Summary + "\n" + TextTable.Format(Header, rows, 0, 4);
    }

    /// <summary>The verdict as the table shows it: a sign and a word, so it reads without colour.</summary>
    public static string Label(GradientVerdict verdict) => verdict switch
    {
        GradientVerdict.Agrees => "✔ agrees",
        GradientVerdict.Suspicious => "? suspicious",
        GradientVerdict.Wrong => "✘ wrong",
        _ => "~ ReLU kink",
    };

    private static string Explanation(GradientVerdict verdict) => verdict switch
    {
        GradientVerdict.Agrees => $"Relative error at most {Threshold(GradientCheckResult.AgreeUpTo)}, or both gradients zero up to rounding.",
        GradientVerdict.Suspicious => $"Relative error between {Threshold(GradientCheckResult.AgreeUpTo)} and {Threshold(GradientCheckResult.WrongFrom)}: more than rounding, less than a typical bug. Look again.",
        GradientVerdict.Wrong => $"Relative error {Threshold(GradientCheckResult.WrongFrom)} or more: the backprop gradient is wrong.",
        _ => "The nudge switched a ReLU on or off, so the finite difference measured across a kink: not judged.",
    };

    private static string VerdictStyle(GradientVerdict verdict) => verdict switch
    {
        GradientVerdict.Agrees => Html.CellStyle + ";color:#1a7f37",
        GradientVerdict.Suspicious => Html.CellStyle + ";color:#9a6700;font-weight:bold",
        GradientVerdict.Wrong => Html.CellStyle + ";color:#cf222e;font-weight:bold",
        _ => Html.CellStyle + ";color:#57606a",
    };

    /// <summary>A threshold as the summary writes it: 1e-7.</summary>
    private static string Threshold(double value) => value.ToString("0e+0", System.Globalization.CultureInfo.InvariantCulture);
}
