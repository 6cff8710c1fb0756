using System.Globalization;
using System.Text;

namespace Backprop.Notebooks;

/// <summary>What a gradient check says about one parameter.</summary>
public enum GradientVerdict
{
    /// <summary>Backprop and the finite difference agree: relative error at most <see cref="GradientCheckReport.AgreeUpTo"/>.</summary>
    Agrees,

    /// <summary>Close but not close enough to be rounding: between <see cref="GradientCheckReport.AgreeUpTo"/> and <see cref="GradientCheckReport.WrongFrom"/>. Look again.</summary>
    Suspicious,

    /// <summary>They disagree: relative error <see cref="GradientCheckReport.WrongFrom"/> or more. A bug.</summary>
    Wrong,

    /// <summary>They disagree, but the nudge switched a ReLU on or off: the finite difference measured across a kink, so it is no judge here.</summary>
    AtKink,
}

/// <summary>One row of a gradient check, with its verdict.</summary>
/// <param name="Entry">The parameter, its two gradients and their relative error.</param>
/// <param name="Verdict">What the relative error means, by the report's thresholds.</param>
public sealed record GradientCheckRow(GradientCheckEntry Entry, GradientVerdict Verdict);

/// <summary>
/// A gradient check (<see cref="GradientCheck.Run"/>) judged parameter by parameter, with the usual thresholds
/// for double precision: a relative error up to 1e-7 agrees, from 1e-2 is a bug, in between is suspicious. A
/// nudge that crossed a ReLU kink is not judged. In a notebook it shows as a table; <see cref="ToString"/>
/// gives the same as text.
/// </summary>
/// <remarks>
/// <para>
/// Why these thresholds: away from a kink the loss is smooth, the central difference's own error is of order
/// <c>h²</c> (1e-10 for h = 1e-5) plus rounding of about 1e-16·L/h, so a correct gradient agrees to 1e-7 or
/// better. A bug usually changes a gradient by a fraction of itself (a forgotten factor 2, a missing ReLU
/// derivative), giving 1e-2 to 1.
/// </para>
/// <para>
/// Two gradients that differ by less than <see cref="RoundingNoise"/> in absolute terms agree whatever their
/// ratio: both are zero but for rounding (a unit that is off for every sample has gradient 0).
/// </para>
/// </remarks>
public sealed class GradientCheckReport
{
    /// <summary>Relative errors up to this agree.</summary>
    public const double AgreeUpTo = 1e-7;

    /// <summary>Relative errors from this up mean a bug (unless the nudge crossed a kink).</summary>
    public const double WrongFrom = 1e-2;

    /// <summary>Gradients closer than this (absolute) agree: both are zero up to rounding.</summary>
    public const double RoundingNoise = 1e-10;

    /// <summary>The table's columns.</summary>
    private static readonly string[] Header = ["Parameter", "Backprop", "Finite difference", "Relative error", "Verdict"];

    private GradientCheckReport(IReadOnlyList<GradientCheckRow> rows) => Rows = rows;

    /// <summary>Every parameter, in the order the check visited them (W1, b1, W2, …), with its verdict.</summary>
    public IReadOnlyList<GradientCheckRow> Rows { get; }

    /// <summary>True when every parameter the check can judge agrees (none suspicious, none wrong).</summary>
    public bool Passed => Rows.All(row => row.Verdict is GradientVerdict.Agrees or GradientVerdict.AtKink);

    /// <summary>The parameters judged wrong, as <c>W2[0,1]</c>.</summary>
    public IReadOnlyList<string> Wrong => Parameters(GradientVerdict.Wrong);

    /// <summary>One sentence: how many parameters agree, and which do not.</summary>
    public string Summary
    {
        get
        {
            var agree = Count(GradientVerdict.Agrees);
            var sentence = new StringBuilder(string.Create(
                CultureInfo.InvariantCulture,
                $"{agree} of {Rows.Count} gradients agree with the finite differences (relative error ≤ {AgreeUpTo:0e+0})"));
            Clause(sentence, GradientVerdict.Wrong, $"wrong (relative error ≥ {WrongFrom.ToString("0e+0", CultureInfo.InvariantCulture)})");
            Clause(sentence, GradientVerdict.Suspicious, "suspicious");
            Clause(sentence, GradientVerdict.AtKink, "measured across a ReLU kink (not judged)");
            sentence.Append(Passed ? ". Passed." : ". Failed.");
            return sentence.ToString();
        }
    }

    /// <summary>Judges every entry of a check.</summary>
    public static GradientCheckReport Of(IEnumerable<GradientCheckEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new GradientCheckReport(entries.Select(entry => new GradientCheckRow(entry, Judge(entry))).ToArray());
    }

    /// <summary>The verdict for one entry, by the thresholds above.</summary>
    public static GradientVerdict Judge(GradientCheckEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.RelativeError <= AgreeUpTo || Math.Abs(entry.Backprop - entry.Numerical) < RoundingNoise)
        {
            return GradientVerdict.Agrees;
        }

        if (entry.CrossesKink)
        {
            return GradientVerdict.AtKink;
        }

        return entry.RelativeError >= WrongFrom || double.IsNaN(entry.RelativeError) ? GradientVerdict.Wrong : GradientVerdict.Suspicious;
    }

    /// <summary>How many parameters got <paramref name="verdict"/>.</summary>
    public int Count(GradientVerdict verdict) => Rows.Count(row => row.Verdict == verdict);

    /// <summary>The summary, then the table, as HTML.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"backprop-gradient-check\">");
        Html.Element(html, "p", Summary, Passed ? "font-weight:bold;color:#1a7f37" : "font-weight:bold;color:#cf222e");
        html.Append("<table style=\"border-collapse:collapse\"><thead><tr>");
        foreach (var title in Header)
        {
            Html.Element(html, "th", title, Html.CellStyle);
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            var entry = row.Entry;
            html.Append("<tr>");
            Html.Element(html, "td", entry.Parameter, Html.CellStyle + ";font-family:monospace");
            Html.Element(html, "td", Numbers.Precise(entry.Backprop), Html.NumberStyle, Numbers.Full(entry.Backprop));
            Html.Element(html, "td", Numbers.Precise(entry.Numerical), Html.NumberStyle, Numbers.Full(entry.Numerical));
            Html.Element(html, "td", Numbers.Error(entry.RelativeError), Html.NumberStyle, Numbers.Full(entry.RelativeError));
            Html.Element(html, "td", Label(row.Verdict), VerdictStyle(row.Verdict), Explanation(row.Verdict));
            html.Append("</tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The summary, then the table, as aligned text.</summary>
    public override string ToString()
    {
        var rows = Rows.Select(row => (IReadOnlyList<string>)
        [
            row.Entry.Parameter,
            Numbers.Precise(row.Entry.Backprop),
            Numbers.Precise(row.Entry.Numerical),
            Numbers.Error(row.Entry.RelativeError),
            Label(row.Verdict),
        ]).ToList();
        return Summary + "\n" + TextTable.Format(Header, rows, 0, 4);
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
        GradientVerdict.Agrees => "Relative error at most 1e-7, or both gradients zero up to rounding.",
        GradientVerdict.Suspicious => "Relative error between 1e-7 and 1e-2: more than rounding, less than a typical bug. Look again.",
        GradientVerdict.Wrong => "Relative error 1e-2 or more: the backprop gradient is wrong.",
        _ => "The nudge switched a ReLU on or off, so the finite difference measured across a kink: not judged.",
    };

    private static string VerdictStyle(GradientVerdict verdict) => verdict switch
    {
        GradientVerdict.Agrees => Html.CellStyle + ";color:#1a7f37",
        GradientVerdict.Suspicious => Html.CellStyle + ";color:#9a6700;font-weight:bold",
        GradientVerdict.Wrong => Html.CellStyle + ";color:#cf222e;font-weight:bold",
        _ => Html.CellStyle + ";color:#57606a",
    };

    private void Clause(StringBuilder sentence, GradientVerdict verdict, string description)
    {
        var names = Parameters(verdict);
        if (names.Count > 0)
        {
            sentence.Append("; ").Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(description)
                .Append(": ").AppendJoin(", ", names);
        }
    }

    private List<string> Parameters(GradientVerdict verdict) =>
        Rows.Where(row => row.Verdict == verdict).Select(row => row.Entry.Parameter).ToList();
}
