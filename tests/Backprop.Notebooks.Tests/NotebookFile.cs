using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>A lesson's .ipynb file as written (not run): its cells, their sources and tags.</summary>
internal static partial class NotebookFile
{
    /// <summary>Every cell of <c>notebooks/<paramref name="name"/></c>, in order.</summary>
    public static List<JsonElement> Cells(string name)
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, name)));
        return notebook.RootElement.GetProperty("cells").EnumerateArray().Select(cell => cell.Clone()).ToList();
    }

    public static string Source(JsonElement cell) => string.Concat(cell.GetProperty("source").EnumerateArray().Select(line => line.GetString()));

    public static bool IsCode(JsonElement cell) => cell.GetProperty("cell_type").GetString() == "code";

    public static string[] Tags(JsonElement cell) =>
        cell.GetProperty("metadata").TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!).ToArray() : [];

    /// <summary>All the markdown of the notebook, joined.</summary>
    public static string Markdown(string name) => string.Concat(Cells(name).Where(c => !IsCode(c)).Select(Source));

    /// <summary>The source of the one code cell that contains <paramref name="text"/>.</summary>
    public static string CodeCell(string name, string text) =>
        Cells(name).Where(IsCode).Select(Source).Single(s => s.Contains(text, StringComparison.Ordinal));

    /// <summary>The code without its comments, so that a name counts only where the code uses it.</summary>
    public static string WithoutComments(string source) => LineComment().Replace(source, "");

    /// <summary>
    /// Checks the lessons' exercise shape: <paramref name="count"/> cells tagged <c>exercise</c>, each followed by a cell
    /// that runs a grader and then a <c>solution</c> cell holding the code in a hidden <c>&lt;details&gt;</c> block.
    /// </summary>
    public static void HasExercises(string name, int count)
    {
        var cells = Cells(name);
        var exercises = cells.Select((cell, i) => (cell, i)).Where(c => Tags(c.cell).Contains("exercise")).ToList();

        Assert.Equal(count, exercises.Count);
        Assert.All(exercises, exercise =>
        {
            Assert.True(IsCode(exercise.cell));
            var solution = cells.FindIndex(exercise.i + 1, c => Tags(c).Contains("solution"));
            Assert.True(solution > exercise.i, "an exercise without a solution cell after it");
            var between = cells.Skip(exercise.i + 1).Take(solution - exercise.i - 1);
            Assert.Contains(between, c => IsCode(c) && Source(c).Contains("Grader.", StringComparison.Ordinal));
            Assert.Matches(@"^<details><summary>Solution</summary>\n\n```csharp\n[\s\S]+\n```\n\n</details>$", Source(cells[solution]));
        });
    }

    [GeneratedRegex("//.*")]
    private static partial Regex LineComment();
}
