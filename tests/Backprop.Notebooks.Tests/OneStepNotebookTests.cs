using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/02-one-step.ipynb, run in the real kernel: one training step, matrix by matrix, and the gradient check.</summary>
[Collection(NotebookCollection.Name)]
public partial class OneStepNotebookTests
{
    private const string Notebook = "02-one-step.ipynb";

    private static NotebookRun Run => NotebookRun.Of(Notebook);

    [Fact]
    public void Every_cell_runs_without_an_error()
    {
        Assert.Empty(Run.FailedCells);
        Assert.True(Run.Command.ExitCode == 0, Run.Command.ToString());
    }

    [Fact]
    public void The_network_shows_as_tables_of_its_weights_and_biases()
    {
        var cell = Cell("Network.Create(");

        Assert.Equal("Network 3 → 2 → 2 → 1: 17 parameters (12 weights, 5 biases)", HtmlTables.Paragraph(cell));
        Assert.Equal(["W1 3×2", "b1 1×2", "W2 2×2", "b2 1×2", "W3 2×1", "b3 1×1"], HtmlTables.In(cell).Select(t => t.Caption));
        Assert.Equal(["0", "1.7641", "0.4002"], HtmlTables.In(cell)[0].Rows[0]);
    }

    [Fact]
    public void The_forward_pass_shows_every_matrix_with_its_shape()
    {
        var captions = Run.Cells.SelectMany(HtmlTables.In).Select(t => t.Caption).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "X 10×3", "W1 3×2", "b1 1×2", "z1 10×2", "a1 10×2", "W2 2×2", "z2 10×2", "a2 10×2", "W3 2×1", "y_pred 10×1", "y 10×1" },
            captions);
    }

    [Fact]
    public void The_backward_pass_shows_every_gradient_shaped_like_its_parameter()
    {
        var captions = Run.Cells.SelectMany(HtmlTables.In).Select(t => t.Caption).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "dL_dy 10×1", "dL_dW3 2×1", "dL_db3 1×1", "dL_da2 10×2", "dL_dz2 10×2", "dL_dW2 2×2", "dL_db2 1×2", "dL_dz1 10×2", "dL_dW1 3×2", "dL_db1 1×2" },
            captions);
    }

    [Fact]
    public void The_loss_before_the_step_is_lesson_1s_first_and_after_it_lesson_1s_second()
    {
        var printed = Run.PrintedLines;
        var numpy = NumPyFixture.Original;

        Assert.Contains(numpy.Printed[0], printed);  // Epoch 0, Loss: 0.0736
        var after = string.Create(CultureInfo.InvariantCulture, $"Epoch 1, Loss: {numpy.Losses[1]:F4}");
        Assert.Contains(printed, line => line.StartsWith("After the step:", StringComparison.Ordinal) && line.Contains(after, StringComparison.Ordinal));
        var ours = Assert.Single(printed, line => line.StartsWith("Epoch 1 loss, our step:", StringComparison.Ordinal));
        var lesson1 = Assert.Single(printed, line => line.StartsWith("Epoch 1 loss, lesson 1's loop:", StringComparison.Ordinal));
        Assert.Equal(ours.Split(':')[^1].Trim(), lesson1.Split(':')[^1].Trim());
        Close.Equal([numpy.Losses[1]], [double.Parse(ours.Split(':')[^1], CultureInfo.InvariantCulture)], relative: 1e-10);
    }

    [Fact]
    public void The_hand_written_gradients_equal_the_librarys()
    {
        var lines = Run.PrintedLines.Where(line => line.StartsWith("Layer ", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, lines.Count);
        Assert.All(lines, line => Assert.All(
            NumberAfter().Matches(line).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
            difference => Assert.True(difference <= 1e-15, line)));
    }

    [Fact]
    public void The_gradient_check_passes_on_the_real_network()
    {
        var cell = Cell("GradientCheck.Run(network, X, y, gradients: byHand)");

        Assert.Equal("17 of 17 gradients agree with the finite differences (relative error ≤ 1e-7). Passed.", HtmlTables.Paragraph(cell));
        var table = Assert.Single(HtmlTables.In(cell));
        Assert.Equal(["Parameter", "Backprop", "Finite difference", "Relative error", "Verdict"], table.Header);
        Assert.Equal(17, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal("✔ agrees", row[4]));
    }

    [Fact]
    public void A_coarse_nudge_shows_a_ReLU_kink_as_not_judged_rather_than_wrong()
    {
        var cell = Cell("step: 0.01");

        var verdicts = Assert.Single(HtmlTables.In(cell)).Rows.ToDictionary(row => row[0], row => row[4]);
        Assert.Equal("~ ReLU kink", verdicts["W2[0,1]"]);
        Assert.DoesNotContain("✘ wrong", verdicts.Values);
        Assert.EndsWith("Passed.", HtmlTables.Paragraph(cell), StringComparison.Ordinal);
    }

    [Fact]
    public void The_planted_bug_is_caught_in_the_parameters_it_touches()
    {
        var cell = Cell("gradients: buggy");

        Assert.EndsWith("Failed.", HtmlTables.Paragraph(cell), StringComparison.Ordinal);
        var verdicts = Assert.Single(HtmlTables.In(cell)).Rows.ToDictionary(row => row[0], row => row[4]);
        var wrong = verdicts.Where(v => v.Value == "✘ wrong").Select(v => v.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "W2[0,1]", "W2[1,1]", "b2[1]", "W1[0,0]", "b1[0]" }, wrong);
        Assert.All(["W3[0,0]", "W3[1,0]", "b3[0]", "W2[0,0]", "W2[1,0]", "b2[0]"], name => Assert.Equal("✔ agrees", verdicts[name]));
    }

    [Fact]
    public void Every_gradient_line_has_its_chain_rule_equation_beside_it()
    {
        var cells = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, Notebook))).RootElement.GetProperty("cells");
        var markdown = string.Concat(cells.EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "markdown")
            .SelectMany(c => c.GetProperty("source").EnumerateArray()).Select(line => line.GetString()));
        var gradientLines = cells.EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())).Split('\n'))
            .Where(line => GradientLine().IsMatch(line))
            .Select(line => line[..(line.IndexOf(';', StringComparison.Ordinal) + 1)])
            .ToList();

        Assert.Equal(11, gradientLines.Count);  // dL_dy, then dW, db, da, dz per layer as needed
        Assert.All(gradientLines, line => Assert.Matches(@"\| `" + Regex.Escape(line) + @"` \| \$.+\$ \|", markdown));
    }

    /// <summary>The one code cell whose source contains <paramref name="text"/>.</summary>
    private static CellOutputs Cell(string text) =>
        Run.Cells.Single(cell => cell.Source.Contains(text, StringComparison.Ordinal));

    [GeneratedRegex(@"difference in dL_d\w+ ([0-9.Ee+-]+)")]
    private static partial Regex NumberAfter();

    [GeneratedRegex(@"^var dL_d(y|[Wbaz]\d) = ")]
    private static partial Regex GradientLine();
}
