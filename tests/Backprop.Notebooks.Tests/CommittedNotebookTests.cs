using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// The committed notebooks carry their outputs, as a fresh run in the real kernel makes them, each chart with its
/// static image, so GitHub shows every lesson with its numbers, tables and charts; and their charts draw offline.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class CommittedNotebookTests
{
    public static TheoryData<string> Lessons() => new(LessonTool.Lessons(Repository.Notebooks, []));

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Its_outputs_are_what_a_fresh_run_in_the_kernel_makes(string lesson)
    {
        var fresh = NotebookRun.Of(lesson);
        Assert.Empty(fresh.FailedCells);

        var differences = OutputComparison.Differences(Committed(lesson), fresh.Executed);

        Assert.True(differences.Count == 0,
            $"Stale outputs in {lesson}; run `dotnet run notebooks/lessons.cs -- refresh {lesson}`:\n{string.Join('\n', differences)}");
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void At_least_80_percent_of_its_code_cells_have_outputs_and_every_chart_has_its_image(string lesson)
    {
        // An exercise cell only defines the student's function: it shows nothing by design.
        var cells = Committed(lesson).CodeCells()
            .Where(c => !NotebookFile.HasTag(c.Cell, Exercises.ExerciseTag))
            .Select(c => c.Cell["outputs"]!.AsArray())
            .ToList();

        var withOutputs = cells.Count(outputs => outputs.Count > 0);
        Assert.True(withOutputs >= 0.8 * cells.Count, $"{withOutputs} of {cells.Count} code cells have outputs");
        foreach (var outputs in cells)
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                if (ChartImages.IsChart(outputs[i]!))
                {
                    Assert.True(i + 1 < outputs.Count && ChartImages.IsImage(outputs[i + 1]!), "a chart without its static image after it");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Rendered_by_jupyter_nbconvert_it_draws_every_chart_in_a_browser_without_network(string lesson)
    {
        var folder = Directory.CreateTempSubdirectory("nbconvert-").FullName;
        try
        {
            var convert = CommandLine.Run(Repository.Notebooks, "jupyter-nbconvert", "--to", "html", "--output-dir", folder, lesson);
            Assert.True(convert.ExitCode == 0, convert.ToString());
            var page = Path.Combine(folder, Path.ChangeExtension(lesson, ".html"));

            var drawn = OfflineBrowser.DrawnCharts(OfflineBrowser.Dom(page));

            var charts = Committed(lesson).CodeCells().SelectMany(c => c.Cell["outputs"]!.AsArray()).Count(o => ChartImages.IsChart(o!));
            Assert.Equal(charts, drawn);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static NotebookFile Committed(string lesson) => NotebookFile.Load(Path.Combine(Repository.Notebooks, lesson));
}
