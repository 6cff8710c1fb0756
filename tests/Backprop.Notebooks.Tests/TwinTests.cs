using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// The console twins, <c>dotnet run notebooks/NN-name.cs</c>, run as a teacher without notebook tooling would, on a
/// German machine (<c>LANG=de_DE.UTF-8</c>): standard output is exactly what the lesson prints in the kernel, with no
/// decimal comma, and the whole lesson is written as an executed notebook and a page.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed partial class TwinTests(TwinTests.Runs runs) : IClassFixture<TwinTests.Runs>
{
    public static TheoryData<string> Lessons() => new(LessonTool.Lessons(Repository.Notebooks, []));

    [Fact]
    public void Lesson_1_prints_exactly_the_lines_NumPy_printed_and_says_where_the_lesson_went()
    {
        var run = runs.Of("01-backprop.ipynb");

        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Equal(NumPyFixture.Original.Printed, CommandLine.Lines(run.Result.Output));
        Assert.Contains($"Lesson written to {run.Page} (open it in a browser) and {run.Notebook}", run.Result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void It_prints_exactly_what_the_notebook_prints_in_the_kernel_with_no_decimal_comma(string lesson)
    {
        var run = runs.Of(lesson);

        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        var printed = CommandLine.Lines(run.Result.Output);
        Assert.Equal(NotebookRun.Of(lesson).PrintedLines, printed);
        Assert.DoesNotContain(printed, line => DecimalComma().IsMatch(line));
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Its_written_lesson_has_the_notebooks_prose_code_and_the_kernels_outputs(string lesson)
    {
        var run = runs.Of(lesson);
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        var source = NotebookFile.Load(Path.Combine(Repository.Notebooks, lesson));
        var written = NotebookFile.Load(run.Notebook);

        Assert.Equal(source.Cells.Select(NotebookFile.Source!), written.Cells.Select(NotebookFile.Source!));
        var differences = OutputComparison.Differences(NotebookRun.Of(lesson).Executed, written);
        Assert.True(differences.Count == 0, $"The twin's outputs differ from the kernel's:\n{string.Join('\n', differences)}");
        var charts = written.CodeCells().SelectMany(c => c.Cell["outputs"]!.AsArray()).Count(o => ChartImages.IsChart(o!));
        var images = written.CodeCells().SelectMany(c => c.Cell["outputs"]!.AsArray()).Count(o => ChartImages.IsImage(o!));
        Assert.Equal(charts, images);
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Its_page_opens_offline_with_prose_equations_and_every_chart_drawn(string lesson)
    {
        var run = runs.Of(lesson);
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        var written = NotebookFile.Load(run.Notebook);
        var charts = written.CodeCells().SelectMany(c => c.Cell["outputs"]!.AsArray()).Count(o => ChartImages.IsChart(o!));

        var dom = OfflineBrowser.Dom(run.Page);

        Assert.Equal(charts, OfflineBrowser.DrawnCharts(dom));
        var title = NotebookFile.Source(written.Cells[0]!).Split('\n')[0].TrimStart('#', ' ');
        Assert.Contains($">{title}</h1>", dom, StringComparison.Ordinal);
    }

    /// <summary>A digit, a comma and a digit: how de-DE writes 0,0736.</summary>
    [GeneratedRegex("[0-9],[0-9]")]
    private static partial Regex DecimalComma();

    /// <summary>One run per twin, under de-DE, each writing its lesson to a temporary folder.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("notebook-twins-").FullName;
        private readonly Dictionary<string, TwinRun> _runs = [];

        internal TwinRun Of(string lesson)
        {
            lock (_runs)
            {
                if (!_runs.TryGetValue(lesson, out var run))
                {
                    var twin = "notebooks/" + Path.ChangeExtension(lesson, ".cs");
                    var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };
                    var result = CommandLine.Run(german, Repository.Root, "dotnet", "run", twin, "--", "--out", _folder);
                    var stem = Path.GetFileNameWithoutExtension(lesson);
                    run = new TwinRun(result, Path.Combine(_folder, stem + ".ipynb"), Path.Combine(_folder, stem + ".html"));
                    _runs[lesson] = run;
                }

                return run;
            }
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }

    internal sealed record TwinRun(CommandResult Result, string Notebook, string Page);
}
