namespace Backprop.Cells;

/// <summary>
/// What the lessons' setup file (<c>notebooks/setup.dib</c>, a .NET Interactive notebook) brings to every lesson that
/// imports it, read with <see cref="CellCode"/>: the console twins and the browser take its <c>using</c> directives,
/// so a lesson's cells see the same names everywhere.
/// </summary>
public static class LessonSetup
{
    /// <summary>The marker that starts a C# cell in a <c>.dib</c> file.</summary>
    private const string CSharpCell = "#!csharp";

    /// <summary>
    /// The <c>using</c> directives of the setup file's C# cells, in order, each as written (<c>using Backprop;</c>).
    /// </summary>
    /// <param name="setupDib">The text of <c>setup.dib</c>.</param>
    public static IReadOnlyList<string> Usings(string setupDib)
    {
        ArgumentNullException.ThrowIfNull(setupDib);
        return CSharpCells(setupDib).SelectMany(cell => CellCode.Parse(cell).Usings).ToList();
    }

    /// <summary>
    /// The C# cells of a <c>.dib</c> file: each starts after a line <c>#!csharp</c> and ends before the next line
    /// that names a kernel or a section (<c>#!markdown</c>, <c>#!meta</c>, …: a line of <c>#!</c> and one word).
    /// </summary>
    private static IEnumerable<string> CSharpCells(string dib)
    {
        List<string>? cell = null;
        foreach (var line in dib.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("#!", StringComparison.Ordinal) && line.Length > 2 && line[2..].All(char.IsAsciiLetterOrDigit))
            {
                if (cell is not null)
                {
                    yield return string.Join('\n', cell);
                }

                cell = line == CSharpCell ? [] : null;
            }
            else
            {
                cell?.Add(line);
            }
        }

        if (cell is not null)
        {
            yield return string.Join('\n', cell);
        }
    }
}
