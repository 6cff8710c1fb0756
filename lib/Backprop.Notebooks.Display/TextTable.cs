using System.Text;

namespace Backprop.Notebooks;

/// <summary>A table as plain text with aligned columns, for a console: header, rule, rows.</summary>
internal static class TextTable
{
    /// <summary>
    /// Writes <paramref name="rows"/> under <paramref name="header"/>. Columns listed in
    /// <paramref name="leftAligned"/> are padded on the right (text); the others on the left (numbers).
    /// </summary>
    public static string Format(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, params int[] leftAligned)
    {
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Prepend(title.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, header, widths, leftAligned);
        text.AppendJoin("  ", widths.Select(width => new string('-', width))).Append('\n');
        foreach (var row in rows)
        {
            Line(text, row, widths, leftAligned);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths, int[] leftAligned)
    {
        var padded = cells.Select((cell, column) =>
            leftAligned.Contains(column) ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]));
        text.Append(string.Join("  ", padded).TrimEnd()).Append('\n');
    }
}
