using System.Globalization;
using System.Text;

namespace Backprop.Grading;

/// <summary>
/// The one rule by which every exercise compares a written answer with the right one: case, spaces and quotes do not
/// matter, so <c>"b"</c>, <c>'B'</c>, <c>" w1 "</c> and <c>W1[0, 1]</c> read as <c>B</c>, <c>B</c>, <c>W1</c> and
/// <c>W1[0,1]</c>. Anything else is a different answer, and the exercise says which form it expects.
/// </summary>
internal static class Answers
{
    private const string Quotes = "\"'`“”‘’";

    /// <summary>The answer in the form answers are compared in: no white space, no quotes, upper case; "" for null.</summary>
    public static string Canonical(string? answer)
    {
        var canonical = new StringBuilder();
        foreach (var c in answer ?? "")
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && !Quotes.Contains(c))
            {
                canonical.Append(char.ToUpperInvariant(c));
            }
        }

        return canonical.ToString();
    }

    /// <summary>The answer as typed, for a message: in quotes, with control characters escaped (never a raw NUL).</summary>
    public static string Quoted(string? answer) => $"\"{GradingItem.Visible(answer ?? "")}\"";

    /// <summary>A one-character answer as a string: "" for an unset <c>char</c> (<c>'\0'</c>) or a space.</summary>
    public static string FromChar(char answer) => answer == '\0' || char.IsWhiteSpace(answer) ? "" : answer.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when both answers read the same under this rule.</summary>
    public static bool Same(string? answer, string right) => Canonical(answer) == Canonical(right);
}
