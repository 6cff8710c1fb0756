using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// A class tries every exercise: for each lesson, one trial notebook (<see cref="TrialNotebook"/>) holds the student
/// copy's untouched exercise cells, typical wrong answers (at least five per exercise: a missing transpose whose shapes
/// do not fit, an argument changed in place, an endless loop, a throw, null, integer division, ...) and the solution,
/// each followed by its check. It runs once in the real Jupyter kernel and once in dotnet-repl. Every check of a wrong
/// answer must show ✘ or ○ and the hint that names the mistake, every solution ✔; no cell may fail, show a stack trace
/// or a compiler warning; no run may hang (each cell has a time limit).
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ClassTrialTests
{
    private static readonly TimeSpan CellLimit = TimeSpan.FromSeconds(120);

    public static TheoryData<string, string> Trials() => new()
    {
        { "01-backprop.ipynb", "jupyter" },
        { "02-one-step.ipynb", "jupyter" },
        { "03-experiments.ipynb", "jupyter" },
        { "04-autograd.ipynb", "jupyter" },
        { "01-backprop.ipynb", "dotnet-repl" },
        { "02-one-step.ipynb", "dotnet-repl" },
        { "03-experiments.ipynb", "dotnet-repl" },
        { "04-autograd.ipynb", "dotnet-repl" },
    };

    [Theory]
    [MemberData(nameof(Trials))]
    public void Every_wrong_answer_is_named_and_every_solution_passes(string lesson, string kernel)
    {
        Prerequisites.EnsureReady();
        var trial = TrialNotebook.Build(lesson, WrongAnswers.Of(lesson), WrongAnswers.Needed(lesson));
        var folder = Path.Combine(Repository.Root, $"trial-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(Repository.Notebooks, "setup.dib"), Path.Combine(folder, "setup.dib"));
            trial.Notebook.Save(Path.Combine(folder, lesson));

            var run = kernel == "jupyter"
                ? NotebookRun.InJupyter(folder, lesson, CellLimit)
                : NotebookRun.Run(folder, lesson);

            var problems = trial.Problems(run);
            Assert.True(problems.Count == 0, $"{lesson} in {kernel}, {trial.Checks.Count} attempts:\n{string.Join("\n\n", problems)}\n\nEvery check:\n{trial.Transcript(run)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
