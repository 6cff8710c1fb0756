using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// notebooks/03-experiments.ipynb in the real kernel: what its new sections print and draw. Every number expected here
/// is what <c>lesson3_facts.py</c> (beside this file) computes with NumPy.
/// </summary>
[Collection(NotebookCollection.Name)]
public partial class Lesson3ContentTests
{
    private static NotebookRun Run => NotebookRun.Of("03-experiments.ipynb");

    [Fact]
    public void The_corrected_facts_are_what_the_lesson_prints()
    {
        var printed = Run.PrintedLines;

        Assert.Contains(printed, line => line.StartsWith("temperature_c ", StringComparison.Ordinal) && line.EndsWith("standard deviation    8.5", StringComparison.Ordinal));
        Assert.Contains("Raw data: 14 of 32 hidden units dead before the first step, 32 of 32 after training", printed);
        Assert.Contains("Raw data: loss 9.64E+06 at epoch 0, 4.96E+34 at epoch 1, 3.53E+06 at epoch 999", printed);
        Assert.Contains("Variance of the training rentals: 3.53E+06", printed);
        Assert.Contains("He   : loss 0.5536 → 0.0027, 8 of 32 hidden units dead", printed);
        Assert.Contains("randn: loss 448.1409 → 0.0495, 31 of 32 hidden units dead", printed);
        Assert.Contains(printed, line => Regex.IsMatch(line, @"^3-2-2-1 +17 parameters: loss 0\.0513 → "));
    }

    [Fact]
    public void He_is_introduced_before_the_width_and_depth_section_uses_it()
    {
        var sources = Run.Cells.Select(cell => cell.Source).ToList();
        var initialization = sources.FindIndex(source => source.Contains("Initialization.Randn);", StringComparison.Ordinal) && source.Contains("int[] deep", StringComparison.Ordinal));
        var widthAndDepth = sources.FindIndex(source => source.Contains("int[][] shapes", StringComparison.Ordinal));

        Assert.InRange(initialization, 0, widthAndDepth - 1);
    }

    [Fact]
    public void The_learned_function_chart_shows_the_data_and_each_snapshot_with_its_kinks_on_the_curve()
    {
        var chart = Chart("1-8-8-1 learning sin x");

        Assert.Equal(1 + (4 * 2), chart.Traces.Count);  // the data, then a curve and its kinks per snapshot
        var x = PlotlyChart.Numbers(chart.Traces[0], "x");
        Assert.Equal(25, x.Length);
        Assert.Equal(-3, x[0], 12);
        Assert.Equal(3, x[^1], 12);
        Assert.Equal(x.Select(Math.Sin).ToArray(), PlotlyChart.Numbers(chart.Traces[0], "y"));

        string[] snapshots = ["before training", "after 100 steps", "after 500 steps", "after 3000 steps"];
        for (var i = 0; i < snapshots.Length; i++)
        {
            var (curve, kinks) = (chart.Traces[1 + (2 * i)], chart.Traces[2 + (2 * i)]);
            var kinkCount = KinkCount(curve);
            Assert.StartsWith(snapshots[i] + " (", Name(curve), StringComparison.Ordinal);
            Assert.Equal(kinkCount, PlotlyChart.Numbers(kinks, "x").Length);
            OnTheCurve(curve, kinks);
        }
    }

    [Fact]
    public void A_dead_unit_costs_kinks_and_the_curve_with_more_dead_units_fits_worse()
    {
        var printed = Run.PrintedLines;
        Assert.Contains("1-8-8-1 on sin x: loss 18.0934 → 0.0152, 2 of 16 hidden units dead", printed);
        Assert.Contains("lr = 0.01: loss 0.0152, 2 of 16 units dead", printed);
        Assert.Contains("lr = 0.05: loss 0.0309, 6 of 16 units dead", printed);

        var chart = Chart("Dead units cost kinks");
        Assert.Equal(5, chart.Traces.Count);
        Assert.StartsWith("lr = 0.01, 2 dead (", Name(chart.Traces[1]), StringComparison.Ordinal);
        Assert.StartsWith("lr = 0.05, 6 dead (", Name(chart.Traces[3]), StringComparison.Ordinal);
        Assert.True(KinkCount(chart.Traces[3]) < KinkCount(chart.Traces[1]), "the curve with more dead units should have fewer kinks");
        OnTheCurve(chart.Traces[1], chart.Traces[2]);
        OnTheCurve(chart.Traces[3], chart.Traces[4]);
    }

    [Fact]
    public void The_cost_of_a_gradient_counts_one_forward_and_one_backward_pass_against_two_forward_passes_per_parameter()
    {
        var printed = Run.PrintedLines;

        Assert.Contains("3-2-2-1, 10 samples, 17 parameters:", printed);
        Assert.Contains("4-16-16-1, 240 days, 369 parameters:", printed);
        var backprop = printed.Where(line => line.StartsWith("  backpropagation:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["  backpropagation:    1 forward + 1 backward pass", "  backpropagation:    1 forward + 1 backward pass"], backprop);
        Assert.Contains("  finite differences: 34 forward passes", printed);
        Assert.Contains("  finite differences: 738 forward passes", printed);

        var agreement = printed.Where(line => line.StartsWith("  largest difference between the two gradients: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, agreement.Count);
        Assert.All(agreement, line =>
            Assert.True(double.Parse(line.Split(": ")[1], CultureInfo.InvariantCulture) < 1e-8, "both methods must give the same gradient"));
    }

    [Fact]
    public void The_exercises_have_a_student_cell_a_check_and_a_hidden_solution_and_run_clean_when_empty()
    {
        var exercises = ExerciseCells.In("03-experiments.ipynb");

        Assert.Equal(2, exercises.Count);
        Assert.All(exercises, exercise =>
        {
            LessonCells.IsLibraryCheck(exercise.Check);
            Assert.StartsWith("<details><summary>Solution</summary>\n\n```csharp\n", exercise.Solution, StringComparison.Ordinal);
        });
        Assert.Empty(Run.FailedCells);
    }

    private static PlotlyChart Chart(string titleStart) =>
        Assert.Single(Run.Charts, chart => chart.Title.StartsWith(titleStart, StringComparison.Ordinal));

    private static string Name(JsonElement trace) => trace.GetProperty("name").GetString()!;

    private static int KinkCount(JsonElement curve) => int.Parse(Kinks().Match(Name(curve)).Groups[1].Value, CultureInfo.InvariantCulture);

    // Every kink marker lies on its curve: the curve is drawn through each kink, so the marker is one of its points.
    private static void OnTheCurve(JsonElement curve, JsonElement kinks)
    {
        var points = PlotlyChart.Numbers(curve, "x").Zip(PlotlyChart.Numbers(curve, "y")).ToList();
        foreach (var (x, y) in PlotlyChart.Numbers(kinks, "x").Zip(PlotlyChart.Numbers(kinks, "y")))
        {
            Assert.Contains(points, point => point.First == x && point.Second == y);
        }
    }

    [GeneratedRegex(@"\((\d+) kinks\)$")]
    private static partial Regex Kinks();

}

/// <summary>A lesson's exercises as its .ipynb holds them: each <c>exercise</c> cell with the next <c>check</c> and <c>solution</c> cells.</summary>
internal static class ExerciseCells
{
    /// <summary>The sources of each exercise's student cell, check cell and solution cell, in order.</summary>
    public static IReadOnlyList<(string Exercise, string Check, string Solution)> In(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, notebook)));
        var cells = document.RootElement.GetProperty("cells").EnumerateArray().ToList();
        return cells.Select((cell, index) => (cell, index))
            .Where(c => Tags(c.cell).Contains("exercise"))
            .Select(c => (
                Source(c.cell),
                Source(cells.Skip(c.index + 1).First(cell => Tags(cell).Contains("check"))),
                Source(cells.Skip(c.index + 1).First(cell => Tags(cell).Contains("solution")))))
            .ToList();
    }

    private static string[] Tags(JsonElement cell) =>
        cell.GetProperty("metadata").TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(tag => tag.GetString()!).ToArray() : [];

    private static string Source(JsonElement cell) => string.Concat(cell.GetProperty("source").EnumerateArray().Select(line => line.GetString()));
}
