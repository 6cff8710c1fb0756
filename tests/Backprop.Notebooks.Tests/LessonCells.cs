using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>A lesson's .ipynb file as written (not run), read with the lessons' <see cref="NotebookFile"/>: its code, markdown and exercises.</summary>
internal static partial class LessonCells
{
    public static List<JsonNode> Cells(string name) =>
        NotebookFile.Load(Path.Combine(Repository.Notebooks, name)).Cells.OfType<JsonNode>().ToList();

    /// <summary>All the markdown of the notebook, joined.</summary>
    public static string Markdown(string name) => string.Concat(Cells(name).Where(c => !NotebookFile.IsCode(c)).Select(NotebookFile.Source));

    /// <summary>The source of the one code cell that contains <paramref name="text"/>.</summary>
    public static string CodeCell(string name, string text) =>
        Cells(name).Where(NotebookFile.IsCode).Select(NotebookFile.Source).Single(s => s.Contains(text, StringComparison.Ordinal));

    /// <summary>The code without its comments, so that a name counts only where the code uses it.</summary>
    public static string WithoutComments(string source) => LineComment().Replace(source, "");

    /// <summary>
    /// Checks that a check cell is one call to the library (<c>display(Exercise.CheckX(...));</c>), so that neither the
    /// answer nor the way it is computed shows in the notebook.
    /// </summary>
    public static void IsLibraryCheck(string source) =>
        Assert.Matches(@"^display\(Exercise\.Check\w+\([\w, ]*\)\);$", source);

    /// <summary>
    /// Checks the lessons' exercise shape: <paramref name="count"/> code cells tagged <c>exercise</c>, each followed by a
    /// check cell tagged <c>check</c> that calls the library (<see cref="IsLibraryCheck"/>) and then a <c>solution</c>
    /// cell holding the code in a hidden <c>&lt;details&gt;</c> block.
    /// </summary>
    public static void HasExercises(string name, int count)
    {
        var cells = Cells(name);
        var exercises = cells.Select((cell, i) => (cell, i)).Where(c => NotebookFile.HasTag(c.cell, Exercises.ExerciseTag)).ToList();

        Assert.Equal(count, exercises.Count);
        Assert.All(exercises, exercise =>
        {
            Assert.True(NotebookFile.IsCode(exercise.cell));
            var solution = cells.FindIndex(exercise.i + 1, c => NotebookFile.HasTag(c, Exercises.SolutionTag));
            Assert.True(solution > exercise.i, "an exercise without a solution cell after it");
            var between = cells.Skip(exercise.i + 1).Take(solution - exercise.i - 1);
            IsLibraryCheck(NotebookFile.Source(Assert.Single(between, c => NotebookFile.HasTag(c, "check"))));
            Assert.Matches(@"^<details><summary>Solution</summary>\n\n```csharp\n[\s\S]+\n```\n\n</details>$", NotebookFile.Source(cells[solution]));
        });
    }

    [GeneratedRegex("//.*")]
    private static partial Regex LineComment();
}
