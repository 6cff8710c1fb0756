using System.Globalization;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// notebooks/01-backprop.ipynb's content: the original's cells in C# (the define cell's four functions, the train cell
/// line for line), the weights and biases after training, the network pictures and the exercises, run in the real kernel.
/// </summary>
[Collection(NotebookCollection.Name)]
public class Lesson1ContentTests
{
    private const string Notebook = "01-backprop.ipynb";

    private static readonly string[] OriginalNames =
        ["z1", "a1", "z2", "a2", "z3", "y_pred", "loss", "dL_dy", "dL_dW3", "dL_db3", "dL_da2", "dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1"];

    private static NotebookRun Run => NotebookRun.Of(Notebook);

    private static NumPyFixture NumPy => NumPyFixture.Original;

    [Fact]
    public void The_define_cell_defines_the_originals_four_functions()
    {
        var cell = Code(SourceCell("Matrix<double> relu(Matrix<double> x)"));

        Assert.Matches(@"Matrix<double> relu\(Matrix<double> x\) =>", cell);
        Assert.Matches(@"Matrix<double> relu_derivative\(Matrix<double> x\) =>", cell);
        Assert.Matches(@"double mse\(Matrix<double> y_true, Matrix<double> y_pred\) =>", cell);
        Assert.Matches(@"Matrix<double> mse_derivative\(Matrix<double> y_true, Matrix<double> y_pred\) =>", cell);
    }

    [Fact]
    public void The_train_cell_computes_every_one_of_the_originals_names_in_code_and_calls_the_four_functions()
    {
        var code = Code(SourceCell("void train("));

        Assert.All(OriginalNames, name => Assert.Matches($@"\bvar {name} = ", code));
        Assert.All(["W3", "b3", "W2", "b2", "W1", "b1"], p => Assert.Contains($"{p} -= lr * dL_d{p};", code, StringComparison.Ordinal));
        Assert.Contains("relu(z1)", code, StringComparison.Ordinal);
        Assert.Contains("relu(z2)", code, StringComparison.Ordinal);
        Assert.Contains("mse(y, y_pred)", code, StringComparison.Ordinal);
        Assert.Contains("mse_derivative(y, y_pred)", code, StringComparison.Ordinal);
        Assert.Contains("relu_derivative(z2)", code, StringComparison.Ordinal);
        Assert.Contains("relu_derivative(z1)", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Backward(", code, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(code, @"Console\.WriteLine"));
    }

    [Fact]
    public void Only_the_ten_epoch_lines_go_to_standard_output_and_every_cell_runs()
    {
        Assert.Empty(Run.FailedCells);
        Assert.Equal(NumPy.Printed, Run.PrintedLines);
        Assert.All(Run.Cells.Where(c => c.Printed.Count > 0), c => Assert.Contains("train(X, y);", c.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void The_weights_after_training_show_NumPys_final_weights_and_biases()
    {
        var chart = PlotlyChart.Find(Assert.Single(RunCell("withBiases: true").Html));

        Assert.NotNull(chart);
        Assert.Equal(3, chart.Traces.Count);
        for (var layer = 0; layer < 3; layer++)
        {
            var columns = chart.Traces[layer].GetProperty("cells").GetProperty("values").EnumerateArray()
                .Select(column => column.EnumerateArray().Select(cell => cell.GetString()!).ToArray()).ToArray();
            Assert.Equal($"b{layer + 1}", columns[0][^1]);
            for (var j = 0; j < columns.Length - 1; j++)
            {
                var expected = NumPy.FinalWeights[layer].Select(row => row[j]).Append(NumPy.FinalBiases[layer][j]).Select(F4);
                Assert.Equal(expected, columns[j + 1]);
            }
        }
    }

    [Fact]
    public void The_pictures_label_every_weight_bias_and_unit_with_its_value_before_and_after_training()
    {
        var pictures = RunCell("NetworkPicture.Draw(").Svg.Select(SvgPicture.Parse).ToList();

        Assert.Equal(2, pictures.Count);
        Assert.StartsWith("Before training", pictures[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("After 1000 epochs", pictures[1].Title, StringComparison.Ordinal);
        var zeroBiases = NumPy.FinalBiases.Select(b => new double[b.Length]).ToList();
        LabelsMatch(pictures[0], NumPy.InitialWeights, zeroBiases);
        LabelsMatch(pictures[1], NumPy.FinalWeights, NumPy.FinalBiases);
    }

    [Fact]
    public void The_pictures_grey_exactly_the_hidden_units_whose_z_is_at_most_0()
    {
        var pictures = RunCell("NetworkPicture.Draw(").Svg.Select(SvgPicture.Parse).ToList();
        var zeroBiases = NumPy.FinalBiases.Select(b => new double[b.Length]).ToList();

        GreyMatches(pictures[0], Forward(NumPy.InitialWeights, zeroBiases, NumPy.X[0]));
        GreyMatches(pictures[1], Forward(NumPy.FinalWeights, NumPy.FinalBiases, NumPy.X[0]));
    }

    [Fact]
    public void The_exercise_checks_run_clean_and_say_not_done_yet_while_the_cells_are_empty()
    {
        foreach (var grader in new[] { "Exercise.CheckReluDerivative(", "Exercise.CheckMseDerivative(" })
        {
            var cell = RunCell(grader);
            Assert.Empty(cell.Errors);
            var report = string.Concat(cell.Html);
            Assert.Contains("not done yet", report, StringComparison.Ordinal);
            Assert.DoesNotContain("✘", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_exercise_has_its_check_and_a_hidden_solution() => LessonCells.HasExercises(Notebook, count: 2);

    [Fact]
    public void The_sentence_on_the_originals_numbers_follows_its_execution_counts()
    {
        var markdown = LessonCells.Markdown(Notebook);

        Assert.Contains("other cells ran in between", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("out of order", markdown, StringComparison.Ordinal);
    }

    /// <summary>Every weight, bias, input and unit value of the picture is the parameter's or the forward pass's.</summary>
    private static void LabelsMatch(SvgPicture picture, IReadOnlyList<double[][]> weights, IReadOnlyList<double[]> biases)
    {
        var labels = picture.Labels;
        for (var layer = 0; layer < weights.Count; layer++)
        {
            for (var i = 0; i < weights[layer].Length; i++)
            {
                for (var j = 0; j < weights[layer][i].Length; j++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"W{layer + 1}[{i},{j}]");
                    Assert.True(SvgPicture.Shows(labels[name], weights[layer][i][j]), $"{name} is labelled {labels[name]}, not {weights[layer][i][j]}");
                }
            }

            for (var j = 0; j < biases[layer].Length; j++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"b{layer + 1}[{j}]");
                Assert.True(SvgPicture.Shows(labels[name], biases[layer][j]), $"{name} is labelled {labels[name]}, not {biases[layer][j]}");
            }
        }

        var z = Forward(weights, biases, NumPy.X[0]);
        for (var i = 0; i < NumPy.X[0].Length; i++)
        {
            Assert.True(SvgPicture.Shows(labels[$"x[{i}]"], NumPy.X[0][i]), $"x[{i}]");
        }

        for (var layer = 0; layer < z.Count - 1; layer++)
        {
            for (var j = 0; j < z[layer].Length; j++)
            {
                Assert.True(SvgPicture.Shows(labels[$"z{layer + 1}[{j}]"], z[layer][j]), $"z{layer + 1}[{j}]");
                Assert.True(SvgPicture.Shows(labels[$"a{layer + 1}[{j}]"], Math.Max(0, z[layer][j])), $"a{layer + 1}[{j}]");
            }
        }

        Assert.True(SvgPicture.Shows(labels["y_pred[0]"], z[^1][0]), "y_pred[0]");
    }

    private static void GreyMatches(SvgPicture picture, IReadOnlyList<double[]> z)
    {
        var hidden = picture.Units.Where(u => u.Layer > 0 && u.Layer < z.Count).ToList();
        Assert.Equal(z.Take(z.Count - 1).Sum(layer => layer.Length), hidden.Count);
        Assert.All(hidden, unit => Assert.Equal(z[unit.Layer - 1][unit.Unit] <= 0, unit.Off));
        Assert.All(picture.Units.Where(u => u.Layer == 0 || u.Layer == z.Count), unit => Assert.False(unit.Off));
    }

    /// <summary>The pre-activations <c>z1, z2, z3</c> of one sample, as the original computes them.</summary>
    private static List<double[]> Forward(IReadOnlyList<double[][]> weights, IReadOnlyList<double[]> biases, double[] x)
    {
        var z = new List<double[]>();
        var a = x;
        for (var layer = 0; layer < weights.Count; layer++)
        {
            var W = weights[layer];
            var input = a;
            var zl = Enumerable.Range(0, biases[layer].Length)
                .Select(j => Enumerable.Range(0, input.Length).Sum(i => input[i] * W[i][j]) + biases[layer][j]).ToArray();
            z.Add(zl);
            a = zl.Select(v => Math.Max(0, v)).ToArray();
        }

        return z;
    }

    private static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static CellOutputs RunCell(string text) => Run.Cells.Single(cell => cell.Source.Contains(text, StringComparison.Ordinal));

    private static string SourceCell(string text) => LessonCells.CodeCell(Notebook, text);

    private static string Code(string source) => LessonCells.WithoutComments(source);
}
