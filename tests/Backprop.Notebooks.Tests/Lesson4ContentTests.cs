using System.Globalization;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/04-autograd.ipynb in the real kernel: the lesson's own autograd agrees with Network.Backward.</summary>
[Collection(NotebookCollection.Name)]
public partial class Lesson4ContentTests
{
    private const string Notebook = "04-autograd.ipynb";

    private static NotebookRun Run => NotebookRun.Of(Notebook);

    [Fact]
    public void Every_cell_runs_without_an_error()
    {
        Assert.Empty(Run.FailedCells);
        Assert.True(Run.Command.ExitCode == 0, Run.Command.ToString());
    }

    [Fact]
    public void The_small_example_gets_the_gradients_worked_out_by_hand()
    {
        Assert.Contains("L = 4; dL/da = -3, dL/db = 2, dL/dc = 1", Run.PrintedLines);
    }

    [Fact]
    public void Autograd_computes_the_same_loss_as_the_library_for_one_sample_and_for_the_batch()
    {
        var one = Single(OneSampleLoss());
        Assert.Equal(one.Groups[1].Value, one.Groups[2].Value);

        var batch = Single(BatchLoss());
        Assert.Equal(batch.Groups[1].Value, batch.Groups[2].Value);
        Assert.Equal(NumPyFixture.Original.Losses[0].ToString("F6", CultureInfo.InvariantCulture), batch.Groups[1].Value);  // the original's epoch 0
    }

    [Fact]
    public void Autograd_gives_Network_Backwards_gradients_for_one_sample_and_for_the_full_batch()
    {
        var differences = Run.PrintedLines.Select(line => LargestDifference().Match(line)).Where(match => match.Success).ToList();

        Assert.Equal(["Sample 1", "All 10 samples"], differences.Select(match => match.Groups[1].Value));
        Assert.All(differences, match => Assert.True(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) < 1e-12, match.Value));
    }

    [Fact]
    public void The_gradient_tables_of_autograd_and_Network_Backward_are_equal_entry_by_entry()
    {
        var tables = Run.Cells.SelectMany(HtmlTables.In).Where(table => table.Caption.StartsWith("dL_d", StringComparison.Ordinal)).ToList();
        var autograd = tables.Where(table => table.Caption.Contains(" autograd ", StringComparison.Ordinal)).ToList();
        var backward = tables.Where(table => table.Caption.Contains(" Network.Backward ", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, autograd.Count);  // dL_dW1..3 for sample 1; dL_dW1 and dL_db1 for the batch
        Assert.Equal(autograd.Count, backward.Count);
        foreach (var (mine, library) in autograd.Zip(backward))
        {
            Assert.Equal(mine.Caption.Replace(" autograd ", " Network.Backward ", StringComparison.Ordinal), library.Caption);
            Assert.Equal(mine.Rows, library.Rows);
        }

        // Sample 1 has a unit off in each hidden layer: the weights into and out of it get exactly 0.
        Assert.All(autograd[0].Rows, row => Assert.Equal("0", row[^1]));
    }

    [Fact]
    public void The_Value_type_is_declared_in_a_cell_that_holds_only_type_declarations()
    {
        var cell = Assert.Single(Run.Cells, c => c.Source.Contains("class Value", StringComparison.Ordinal));
        var topLevel = cell.Source.Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0 && !char.IsWhiteSpace(line[0])).ToList();

        Assert.All(topLevel, line => Assert.True(line.StartsWith("///", StringComparison.Ordinal) || line == "{" || line == "}" || line.StartsWith("public sealed class Value", StringComparison.Ordinal), line));
        Assert.Equal("}", topLevel[^1]);
        foreach (var operation in new[] { "operator +", "operator -", "operator *", "Value Relu()", "Value Square()", "Value Sum(", "void Backward()" })
        {
            Assert.Contains(operation, cell.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_graph_of_one_sample_counts_its_values()
    {
        // 3 inputs, 17 parameters, the target and 1/n; 6 + 4 + 2 products; a sum per unit (5) and the loss's; 4 ReLUs; -, ², × 1/n.
        Assert.Contains("Values in the graph: 47 for sample 1, 290 for all 10 samples", Run.PrintedLines);
    }

    [Fact]
    public void The_exercises_say_not_done_yet_and_have_hidden_solutions()
    {
        var exercises = ExerciseCells.In(Notebook);

        Assert.Equal(2, exercises.Count);
        Assert.All(exercises, exercise =>
        {
            Assert.Contains("TODO", exercise.Exercise, StringComparison.Ordinal);
            LessonCells.IsLibraryCheck(exercise.Check);
            Assert.StartsWith("<details><summary>Solution</summary>", exercise.Solution, StringComparison.Ordinal);
        });
    }

    private static Match Single(Regex pattern) =>
        Assert.Single(Run.PrintedLines.Select(line => pattern.Match(line)), match => match.Success);

    [GeneratedRegex(@"^Sample 1: autograd's loss (\S+), the library's network\.LossOn (\S+)$")]
    private static partial Regex OneSampleLoss();

    [GeneratedRegex(@"^All 10 samples: autograd's loss (\S+), network\.LossOn (\S+) ")]
    private static partial Regex BatchLoss();

    [GeneratedRegex(@"^(Sample 1|All 10 samples): largest difference between autograd and Network\.Backward: (\S+)$")]
    private static partial Regex LargestDifference();
}
