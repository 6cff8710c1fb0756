using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// notebooks/02-one-step.ipynb's content, run in the real kernel, against NumPy's one step
/// (tests/Backprop.Tests/Fixtures/one_step.json): one sample's paths to <c>dL_dW1[0,0]</c>, the computational graph
/// picture, the boxed equations and the exercises.
/// </summary>
[Collection(NotebookCollection.Name)]
public partial class Lesson2ContentTests
{
    private const string Notebook = "02-one-step.ipynb";

    /// <summary>The sample the graph picture shows: on it, unit 1 of each hidden layer is off.</summary>
    private const int GraphSample = 1;

    private static readonly OneStep NumPy = OneStep.Load();

    private static NotebookRun Run => NotebookRun.Of(Notebook);

    [Fact]
    public void Sample_0s_two_paths_multiply_NumPys_local_derivatives()
    {
        var lines = Plain(RunCell("double Path(int n, int k)"));

        for (var k = 0; k < 2; k++)
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith($"k = {k}:", StringComparison.Ordinal));
            var numbers = Numbers(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            double[] factors = [NumPy.X[0][0], Step(NumPy.Z[0][0][0]), NumPy.W[1][0][k], Step(NumPy.Z[1][0][k]), NumPy.W[2][k][0], NumPy.DL_dy[0][0]];
            Assert.Equal(factors.Length + 1, numbers.Count);
            for (var i = 0; i < factors.Length; i++)
            {
                Assert.Equal(factors[i], numbers[i], 5e-9);
            }

            Assert.Equal(factors.Aggregate(1.0, (p, f) => p * f), numbers[^1], 5e-9);
        }
    }

    [Fact]
    public void The_paths_summed_over_samples_land_on_NumPys_dL_dW1_0_0_as_does_Network_Backward()
    {
        var lines = Plain(RunCell("var bySample ="));
        var expected = NumPy.DL_dW[0][0][0];

        foreach (var start in new[] { "sum over the 10 samples:", "dL_dW1[0,0] = (X.T @ dL_dz1)[0,0]:", "Network.Backward's dL_dW1[0,0]:" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(start, StringComparison.Ordinal));
            Assert.Equal(expected, double.Parse(line[start.Length..], CultureInfo.InvariantCulture), 5e-13);
        }

        for (var n = 0; n < 10; n++)
        {
            var line = Assert.Single(lines, l => l.StartsWith($"sample {n}:", StringComparison.Ordinal));
            var terms = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..line.IndexOf('=', StringComparison.Ordinal)].Split('+');
            for (var k = 0; k < 2; k++)
            {
                var off = NumPy.Z[0][n][0] <= 0 || NumPy.Z[1][n][k] <= 0;
                Assert.Equal(off, terms[k].Contains("(off)", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_graph_picture_greys_exactly_the_entries_of_units_whose_z_is_at_most_0()
    {
        var graph = Graph();

        foreach (var (wire, layer) in new[] { ("z1", 0), ("a1", 0), ("z2", 1), ("a2", 1) })
        {
            foreach (var role in new[] { "value", "gradient" })
            {
                var entries = graph.Entries("wire", wire, role);
                Assert.Equal(NumPy.Z[layer][GraphSample].Length, entries.Count);
                Assert.All(entries, e => Assert.Equal(NumPy.Z[layer][GraphSample][e.Index] <= 0, e.Off));
            }
        }

        Assert.Contains(graph.Entries("wire", "z1", "value"), e => e.Off);  // the sample was chosen for its off units
    }

    [Fact]
    public void The_graph_picture_writes_NumPys_forward_values_and_gradients_and_the_shapes()
    {
        var graph = Graph();

        for (var layer = 0; layer < 2; layer++)
        {
            Shows(NumPy.Z[layer][GraphSample], graph.Entries("wire", $"z{layer + 1}", "value"), $"z{layer + 1}");
            Shows(NumPy.Dz[layer][GraphSample], graph.Entries("wire", $"z{layer + 1}", "gradient"), $"dL_dz{layer + 1}");
        }

        Shows(NumPy.X[GraphSample], graph.Entries("wire", "X", "value"), "X");
        for (var layer = 0; layer < 3; layer++)
        {
            Shows(NumPy.DL_dW[layer].SelectMany(row => row).ToArray(), graph.Entries("parameter", $"W{layer + 1}", "gradient"), $"dL_dW{layer + 1}");
            Shows(NumPy.DL_db[layer], graph.Entries("parameter", $"b{layer + 1}", "gradient"), $"dL_db{layer + 1}");
        }

        Assert.Equal(("10×3", "10×2", "10×2", "10×1"), (graph.ShapeOf("X"), graph.ShapeOf("z1"), graph.ShapeOf("a2"), graph.ShapeOf("y_pred")));
    }

    [Fact]
    public void The_four_per_layer_equations_are_boxed_with_their_shapes()
    {
        var markdown = LessonCells.Markdown(Notebook);

        Assert.Equal(4, Regex.Matches(markdown, @"\\boxed\{").Count);
        Assert.Contains(@"(N \times n_l) = (N \times n_{l+1})\cdot(n_{l+1} \times n_l)", markdown, StringComparison.Ordinal);
        Assert.Contains(@"(n_{l-1} \times n_l) = (n_{l-1} \times N)\cdot(N \times n_l)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_biases_are_called_vectors_not_rows()
    {
        var markdown = LessonCells.Markdown(Notebook);

        Assert.Contains("In C# it is a vector of length 2", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("The bias $b_1$ is one row", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_exercise_has_its_check_and_a_hidden_solution() => LessonCells.HasExercises(Notebook, count: 2);

    [Fact]
    public void The_exercise_checks_run_clean_and_say_not_done_yet_while_the_cells_are_empty()
    {
        var backward = RunCell("Exercise.CheckLayersTwoAndOne(");
        var prediction = RunCell("Exercise.CheckPredictedWrong(");

        Assert.Empty(backward.Errors);
        Assert.Empty(prediction.Errors);
        var report = string.Concat(backward.Html);
        Assert.Equal(8, Regex.Matches(report, "not done yet").Count);  // dL_da2, dL_dz2, dL_dW2, dL_db2, then layer 1
        Assert.DoesNotContain("✔", report, StringComparison.Ordinal);  // nothing the student did not write earns a ✔
        Assert.DoesNotContain("✘", report, StringComparison.Ordinal);
        Assert.Contains("not done yet", string.Concat(prediction.Html), StringComparison.Ordinal);
    }

    private static void Shows(double[] expected, IReadOnlyList<PictureEntry> shown, string what)
    {
        Assert.Equal(expected.Length, shown.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(SvgPicture.Shows(shown[i].Text, expected[i]), $"{what}: entry {i} shows {shown[i].Text}, NumPy has {expected[i]}");
        }
    }

    private static SvgPicture Graph()
    {
        var cell = RunCell("ComputationGraphPicture.Draw(");
        Assert.Contains($"sample: {GraphSample}", cell.Source, StringComparison.Ordinal);
        return SvgPicture.Parse(Assert.Single(cell.Svg));
    }

    private static double Step(double z) => z > 0 ? 1 : 0;

    private static List<double> Numbers(string text) =>
        NumberPattern().Matches(text).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();

    private static string[] Plain(CellOutputs cell) => string.Concat(cell.Plain).Split('\n');

    private static CellOutputs RunCell(string text) => Run.Cells.Single(cell => cell.Source.Contains(text, StringComparison.Ordinal));

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();

    /// <summary>NumPy's one step of the original network (one_step.json, made by make_fixtures.py).</summary>
    private sealed record OneStep(
        double[][] X, double[][][] W, double[][][] Z, double[][][] Dz, double[][] DL_dy, double[][][] DL_dW, double[][] DL_db)
    {
        public static OneStep Load()
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("tests", "Backprop.Tests", "Fixtures", "one_step.json")));
            var root = json.RootElement;
            return new OneStep(
                NumPyFixture.Rows(root.GetProperty("X")),
                NumPyFixture.Matrices(root.GetProperty("weights")),
                NumPyFixture.Matrices(root.GetProperty("z")),
                NumPyFixture.Matrices(root.GetProperty("dz")),
                NumPyFixture.Rows(root.GetProperty("dL_dy")),
                NumPyFixture.Matrices(root.GetProperty("dW")),
                NumPyFixture.Rows(root.GetProperty("db")));
        }
    }
}
