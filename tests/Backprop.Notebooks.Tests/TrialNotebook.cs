using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// One answer a student might give to one exercise: the code that replaces the exercise cell, and what its check
/// must show (<see cref="Shows"/>, each a piece of the check's text, for example the hint that names the mistake).
/// </summary>
/// <param name="Exercise">The exercise, counted from 1 in the lesson.</param>
/// <param name="Mistake">What the answer gets wrong, for a failure message ("missing transpose", "solved").</param>
/// <param name="Code">The exercise cell's code.</param>
/// <param name="Shows">Pieces of text the check must show.</param>
internal sealed record Attempt(int Exercise, string Mistake, string Code, params string[] Shows)
{
    /// <summary>Whether the answer is right (the lesson's solution, or another way to write it): its check must be ✔ throughout.</summary>
    public bool Right => Mistake == TrialNotebook.SolvedMistake || Mistake.StartsWith("right", StringComparison.Ordinal);

    /// <summary>A right answer written another way than the solution (<paramref name="how"/>: "other case").</summary>
    public static Attempt RightAnswer(int exercise, string how, string code) => new(exercise, $"right, {how}", code);
}

/// <summary>
/// A lesson's student copy tried by a whole class in one kernel run: the setup, the cells the exercises need, and for
/// each exercise every attempt in turn (the exercise cell as the student gives it, then its check cells), as a student
/// who edits the cell and runs it and its check again would do: a later cell redefines the function or variable, as
/// in the kernel. The student copy's own exercise cell comes first (untouched), its solution last.
/// </summary>
internal sealed class TrialNotebook
{
    /// <summary>The <see cref="Attempt.Mistake"/> of the lesson's own solution.</summary>
    public const string SolvedMistake = "solved";

    /// <summary>The <see cref="Attempt.Mistake"/> of the exercise cell as the student copy has it.</summary>
    public const string UntouchedMistake = "untouched";

    private TrialNotebook(NotebookFile notebook, IReadOnlyList<(int Cell, Attempt Attempt)> checks)
    {
        Notebook = notebook;
        Checks = checks;
    }

    /// <summary>The notebook to run.</summary>
    public NotebookFile Notebook { get; }

    /// <summary>The index among the code cells of each attempt's check cell (the last of its check cells).</summary>
    public IReadOnlyList<(int Cell, Attempt Attempt)> Checks { get; }

    /// <summary>
    /// Builds the trial of <paramref name="lesson"/> (a file in notebooks/) for <paramref name="attempts"/>. Code cells
    /// outside the exercises are kept when <paramref name="needed"/> says so (the setup cell always is); markdown is
    /// left out. Each exercise also gets its untouched student cell (first) and its solution (last).
    /// </summary>
    public static TrialNotebook Build(string lesson, IReadOnlyList<Attempt> attempts, Func<string, bool> needed)
    {
        var teacher = NotebookFile.Load(Path.Combine(Repository.Notebooks, lesson));
        var solutions = Exercises.Solved(teacher, lesson).Cells.OfType<JsonObject>()
            .Where(cell => NotebookFile.HasTag(cell, Exercises.ExerciseTag)).Select(NotebookFile.Source).ToList();
        var student = Exercises.StudentCopy(teacher);
        var code = student.CodeCells().Select(c => c.Cell).ToList();

        var trial = student.Clone();
        trial.Cells.Clear();
        var checks = new List<(int Cell, Attempt Attempt)>();
        var exercise = 0;
        for (var i = 0; i < code.Count; i++)
        {
            if (!NotebookFile.HasTag(code[i], Exercises.ExerciseTag))
            {
                if (i == 0 || needed(NotebookFile.Source(code[i])))
                {
                    trial.Cells.Add(code[i].DeepClone());
                }

                continue;
            }

            exercise++;
            var checkEnd = code.FindIndex(i + 1, cell => NotebookFile.HasTag(cell, "check"));
            Assert.True(checkEnd > i, $"{lesson}: exercise {exercise} has no code cell tagged `check` after it.");
            var checkCells = code[(i + 1)..(checkEnd + 1)];
            var tries = new[] { new Attempt(exercise, UntouchedMistake, NotebookFile.Source(code[i]), "○") }
                .Concat(attempts.Where(a => a.Exercise == exercise))
                .Append(new Attempt(exercise, SolvedMistake, solutions[exercise - 1], "✔"));
            foreach (var attempt in tries)
            {
                var answer = code[i].DeepClone().AsObject();
                NotebookFile.SetSource(answer, attempt.Code);
                trial.Cells.Add(answer);
                foreach (var check in checkCells)
                {
                    trial.Cells.Add(check.DeepClone());
                }

                checks.Add((trial.Cells.Count - 1, attempt));
            }

            i = checkEnd;
        }

        Assert.True(attempts.All(a => a.Exercise <= exercise), $"{lesson} has {exercise} exercises");
        return new TrialNotebook(trial, checks);
    }

    /// <summary>
    /// What is wrong with a run of this trial: a cell with an error, a stack trace or a compiler warning; a check of a
    /// wrong answer without ✘ or ○ or without its hint, or one that marks it ✔ throughout; a solution not all ✔.
    /// Empty when the run is right.
    /// </summary>
    public List<string> Problems(NotebookRun run)
    {
        var problems = new List<string>();
        if (run.Cells.Count != Notebook.Cells.Count)
        {
            return [$"the run has {run.Cells.Count} code cells, the trial {Notebook.Cells.Count}:\n{run.Command}"];
        }

        foreach (var cell in run.Cells)
        {
            var shown = cell.Shown;
            if (cell.Errors.Count > 0)
            {
                problems.Add($"cell {cell.Index} ({FirstLine(cell.Source)}) failed: {string.Join("; ", cell.Errors)}");
            }

            if (StackTrace.IsMatch(shown))
            {
                problems.Add($"cell {cell.Index} ({FirstLine(cell.Source)}) shows a stack trace:\n{shown}");
            }

            if (CompilerDiagnostic.IsMatch(shown))
            {
                problems.Add($"cell {cell.Index} ({FirstLine(cell.Source)}) shows a compiler message: {CompilerDiagnostic.Match(shown).Value}");
            }
        }

        foreach (var (index, attempt) in Checks)
        {
            var report = Report(run.Cells[index]);
            var name = $"exercise {attempt.Exercise}, {attempt.Mistake}";
            if (attempt.Right)
            {
                if (!report.Contains('✔', StringComparison.Ordinal) || report.Contains('✘', StringComparison.Ordinal) || report.Contains('○', StringComparison.Ordinal))
                {
                    problems.Add($"{name}: a right answer is not ✔ throughout:\n{report}");
                }

                continue;
            }

            if (attempt.Mistake == UntouchedMistake && report.Contains('✔', StringComparison.Ordinal))
            {
                problems.Add($"{name}: the untouched exercise earns a ✔:\n{report}");
            }

            if (!report.Contains('✘', StringComparison.Ordinal) && !report.Contains('○', StringComparison.Ordinal))
            {
                problems.Add($"{name}: the check shows no ✘ or ○:\n{report}");
            }

            foreach (var expected in attempt.Shows.Where(expected => !report.Contains(expected, StringComparison.Ordinal)))
            {
                problems.Add($"{name}: the check does not show \"{expected}\":\n{report}");
            }
        }

        return problems;
    }

    /// <summary>Every attempt with what its check showed, for a failure message.</summary>
    public string Transcript(NotebookRun run) =>
        string.Join("\n\n", Checks.Select(c => $"--- exercise {c.Attempt.Exercise}, {c.Attempt.Mistake}:\n{(c.Cell < run.Cells.Count ? Report(run.Cells[c.Cell]) : "(not run)")}"));

    /// <summary>What a check cell showed as text: printed lines and the plain-text form of what it displayed.</summary>
    /// <remarks>Jupyter gets only the HTML of a report (the kernel sends a value's preferred format); its lines are read from that.</remarks>
    public static string Report(CellOutputs check) =>
        string.Join("\n", check.Printed.Concat(check.Plain.Count > 0 ? check.Plain : check.Html.Select(TextOf)).Concat(check.Errors));

    /// <summary>The text of an HTML fragment, one line per <c>div</c> or <c>br</c>.</summary>
    private static string TextOf(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, @"</div>|<br\s*/?>", "\n"), "<[^>]*>", "")).Trim();

    private static readonly System.Text.RegularExpressions.Regex StackTrace = new(@"^\s+at \S+\(.*\)", System.Text.RegularExpressions.RegexOptions.Multiline);

    private static readonly System.Text.RegularExpressions.Regex CompilerDiagnostic = new(@"\b(?:warning|error) CS\d{4}\b");

    private static string FirstLine(string source) => source.Split('\n')[0];
}
