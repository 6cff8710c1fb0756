using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks;

/// <summary>
/// One matrix as a table: a caption with its name and shape (<c>W1 3×2</c>), column numbers on top, row numbers
/// on the left, both from 0 as NumPy counts, and each value with four decimals (every digit in the tooltip).
/// </summary>
/// <remarks>A long matrix shows its first <see cref="RowsShownOfLong"/> rows and says how many more there are.</remarks>
internal static class MatrixTable
{
    /// <summary>Matrices with up to this many rows show them all.</summary>
    public const int MaxRows = 12;

    /// <summary>Rows shown of a longer matrix.</summary>
    public const int RowsShownOfLong = 10;

    public static string Shape(Matrix<double> matrix) => Shapes.Of(matrix);

    public static void WriteHtml(StringBuilder html, string? name, Matrix<double> matrix)
    {
        html.Append("<table class=\"backprop-matrix\" style=\"border-collapse:collapse\">");
        html.Append("<caption style=\"caption-side:top;text-align:left;white-space:nowrap\">");
        if (name is not null)
        {
            Html.Element(html, "strong", name);
            html.Append(' ');
        }

        html.Append(Html.Encode(Shape(matrix))).Append("</caption>");
        html.Append("<thead><tr><th></th>");
        for (var column = 0; column < matrix.ColumnCount; column++)
        {
            Html.Element(html, "th", Index(column), Html.NumberStyle);
        }

        html.Append("</tr></thead><tbody>");
        var shown = RowsShown(matrix);
        for (var row = 0; row < shown; row++)
        {
            html.Append("<tr>");
            Html.Element(html, "th", Index(row), Html.NumberStyle);
            for (var column = 0; column < matrix.ColumnCount; column++)
            {
                Html.Element(html, "td", Numbers.Short(matrix[row, column]), Html.NumberStyle, Numbers.Full(matrix[row, column]));
            }

            html.Append("</tr>");
        }

        if (shown < matrix.RowCount)
        {
            html.Append("<tr><td colspan=\"").Append(Index(matrix.ColumnCount + 1)).Append("\" style=\"text-align:left\">");
            html.Append(Html.Encode(MoreRows(matrix.RowCount - shown))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    public static string Text(string? name, Matrix<double> matrix)
    {
        var header = Enumerable.Range(0, matrix.ColumnCount).Select(Index).Prepend(string.Empty).ToArray();
        var rows = Enumerable.Range(0, RowsShown(matrix))
            .Select(row => (IReadOnlyList<string>)Enumerable.Range(0, matrix.ColumnCount)
                .Select(column => Numbers.Short(matrix[row, column]))
                .Prepend(Index(row))
                .ToArray())
            .ToList();
        var text = new StringBuilder();
        text.Append(name is null ? Shape(matrix) : $"{name} ({Shape(matrix)})").Append('\n');
        text.Append(TextTable.Format(header, rows));
        if (rows.Count < matrix.RowCount)
        {
            text.Append(MoreRows(matrix.RowCount - rows.Count)).Append('\n');
        }

        return text.ToString();
    }

    private static int RowsShown(Matrix<double> matrix) => matrix.RowCount <= MaxRows ? matrix.RowCount : RowsShownOfLong;

    private static string MoreRows(int count) => count == 1 ? "⋮ 1 more row" : $"⋮ {count} more rows";

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);
}
