using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// A lesson's exercises, in the one shape notebooks/README.md describes ("Exercises follow one shape"): a code cell tagged <c>exercise</c> with the student's
/// empty or partial code, followed (after its check cell) by a markdown cell tagged <c>solution</c> whose source is a
/// <c>&lt;details&gt;</c> block holding one <c>```csharp</c> block, the code that replaces the exercise cell.
/// </summary>
internal static partial class Exercises
{
    /// <summary>The tag of a student's cell.</summary>
    public const string ExerciseTag = "exercise";

    /// <summary>The tag of a hidden solution.</summary>
    public const string SolutionTag = "solution";

    /// <summary>A copy for students: the solutions left out, every output cleared, ready to Run All.</summary>
    public static NotebookFile StudentCopy(NotebookFile lesson)
    {
        var copy = lesson.Clone();
        foreach (var solution in copy.Cells.Where(cell => cell is not null && NotebookFile.HasTag(cell, SolutionTag)).ToList())
        {
            copy.Cells.Remove(solution);
        }

        foreach (var (_, cell) in copy.CodeCells())
        {
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }

        return copy;
    }

    /// <summary>
    /// The lesson with every exercise cell's code replaced by its solution's (the solutions stay), to check that the
    /// solutions run and pass.
    /// </summary>
    /// <exception cref="InvalidDataException">An exercise has no solution after it, or a solution holds no C# block.</exception>
    public static NotebookFile Solved(NotebookFile lesson, string name)
    {
        var solved = lesson.Clone();
        var cells = solved.Cells.OfType<JsonObject>().ToList();
        for (var i = 0; i < cells.Count; i++)
        {
            if (!NotebookFile.HasTag(cells[i], ExerciseTag))
            {
                continue;
            }

            var next = cells.Skip(i + 1).TakeWhile(cell => !NotebookFile.HasTag(cell, ExerciseTag))
                .FirstOrDefault(cell => NotebookFile.HasTag(cell, SolutionTag))
                ?? throw new InvalidDataException($"{name}, cell {i}: an exercise with no `solution` cell after it (before the next exercise).");
            var code = CSharpBlock().Match(NotebookFile.Source(next));
            if (!code.Success)
            {
                throw new InvalidDataException($"{name}, cell {cells.IndexOf(next)}: a solution with no ```csharp block.");
            }

            NotebookFile.SetSource(cells[i], code.Groups["code"].Value.TrimEnd('\n'));
        }

        return solved;
    }

    /// <summary>How many exercise cells a lesson has.</summary>
    public static int Count(NotebookFile lesson) => lesson.Cells.Count(cell => cell is not null && NotebookFile.HasTag(cell, ExerciseTag));

    [GeneratedRegex("```csharp[ \\t]*\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
