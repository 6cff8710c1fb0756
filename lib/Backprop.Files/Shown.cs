using System.Globalization;
using System.Text;

namespace Backprop.Files;

/// <summary>
/// How text from the user (a cell, a column or file name, an option's value) is shown inside a one-line message:
/// control characters, terminal escapes and bidirectional controls are written out as <c>\n</c>, <c>\t</c>,
/// <c>\x1B</c>, <c>\x202E</c>, so they can neither break the line nor drive or reorder the terminal, and long text is
/// cut with a count of what was left out.
/// </summary>
internal static class Shown
{
    /// <summary>The most characters of one piece of text that a message shows.</summary>
    public const int MaxLength = 200;

    /// <summary>The most names that a list in a message shows before "and N more".</summary>
    public const int MaxNames = 10;

    /// <summary><paramref name="text"/>, escaped and cut to <see cref="MaxLength"/> characters.</summary>
    public static string Text(string text, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new StringBuilder();
        var index = 0;
        for (; index < text.Length && shown.Length < maxLength; index++)
        {
            Append(shown, text[index]);
        }

        return index < text.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{shown}… ({text.Length - index} more characters)")
            : shown.ToString();
    }

    /// <summary>"a, b, c", or "a, b, …, j and 90 more" for a long list; each name shown as <see cref="Text"/> shows it.</summary>
    public static string List(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var first = string.Join(", ", names.Take(MaxNames).Select(name => Text(name)));
        return names.Count > MaxNames ? $"{first} and {names.Count - MaxNames} more" : first;
    }

    /// <summary>"1 feature column", "3 feature columns": a count with its noun, singular for one.</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? noun : noun + "s")}");

    /// <summary>A whole message on one line: every control character escaped, cut to a few lines' worth.</summary>
    public static string Line(string message) => Text(message, maxLength: 4000);

    /// <summary>Line and paragraph separators and the bidirectional controls, which can reorder what a terminal shows.</summary>
    private static bool IsLayoutControl(char c) =>
        c is '\u2028' or '\u2029' or '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    private static void Append(StringBuilder shown, char c)
    {
        switch (c)
        {
            case '\n':
                shown.Append("\\n");
                break;
            case '\r':
                shown.Append("\\r");
                break;
            case '\t':
                shown.Append("\\t");
                break;
            default:
                if (char.IsControl(c) || IsLayoutControl(c))
                {
                    shown.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                }
                else
                {
                    shown.Append(c);
                }

                break;
        }
    }
}
