using System.Text.Json;
using Backprop.Cells;

namespace Backprop.Cells.Tests;

/// <summary>The repository's lessons and a session set up as the browser sets one up.</summary>
internal static class Lessons
{
    /// <summary>The libraries a lesson's cells compile against (the browser serves the same files).</summary>
    private static readonly string[] LibraryNames =
    [
        "MathNet.Numerics", "Backprop", "Backprop.Files", "Backprop.Charts", "Backprop.Notebooks.Display", "Backprop.Cells",
        "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core", "CsvHelper",
    ];

    public static string Notebooks { get; } = Path.Combine(RepositoryRoot(), "notebooks");

    /// <summary>A new session with the lessons' libraries and setup.dib's usings (after <paramref name="moreUsings"/>, if any).</summary>
    public static CellSession Session(TimeSpan? timeLimit = null, int maxCallDepth = 1000, IEnumerable<string>? moreUsings = null)
    {
        var options = CellSessionOptions.FromFiles(LibraryNames.Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll")));
        return new CellSession(new CellSessionOptions
        {
            Libraries = options.Libraries,
            Usings = [.. moreUsings ?? [], .. LessonSetup.Usings(File.ReadAllText(Path.Combine(Notebooks, "setup.dib")))],
            TimeLimit = timeLimit ?? TimeSpan.FromSeconds(60),
            MaxCallDepth = maxCallDepth,
        });
    }

    /// <summary>A committed lesson's code cells: each one's source and what it printed in the kernel.</summary>
    public static IReadOnlyList<(string Source, string Printed)> CodeCells(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Notebooks, notebook)));
        return document.RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "code")
            .Select(cell => (Text(cell.GetProperty("source")), string.Concat(cell.GetProperty("outputs").EnumerateArray()
                .Where(output => output.GetProperty("output_type").GetString() == "stream" && output.GetProperty("name").GetString() == "stdout")
                .Select(output => Text(output.GetProperty("text"))))))
            .ToList();
    }

    private static string Text(JsonElement lines) =>
        lines.ValueKind == JsonValueKind.Array ? string.Concat(lines.EnumerateArray().Select(line => line.GetString())) : lines.GetString() ?? "";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Backprop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Backprop.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
