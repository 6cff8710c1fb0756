using System.Xml.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks.Formatting.Tests;

public class GradientCheckFormattingTests
{
    private static readonly string[] Header = ["Parameter", "Backprop", "Finite difference", "Relative error", "Verdict"];

    [Fact]
    public void The_check_of_the_real_network_shows_every_parameter_agreeing()
    {
        var (network, x, y) = Original.Create();
        var result = GradientCheck.Run(network, x, y);
        var entries = result.Entries;

        var html = Rendered.Html(result);  // what GradientCheck.Run returns renders by itself

        var table = Assert.Single(Rendered.Tables(html));
        Assert.Equal(Header, Rendered.Header(table));
        var rows = Rendered.Rows(table);
        Assert.Equal(entries.Select(e => e.Parameter), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("✔ agrees", r[4]));
        Assert.Equal(["W1[0,0]", "-0.02350091983", "-0.02350091983", "1.8e-11", "✔ agrees"], rows[0]);
        Assert.Equal(
            "17 of 17 gradients agree with the finite differences (relative error ≤ 1e-7). Passed.",
            Summary(html));
    }

    [Fact]
    public void A_planted_bug_shows_as_wrong_in_the_rows_it_touches_and_fails_the_check()
    {
        var (network, x, y) = Original.Create();
        var own = network.Backward(network.Forward(x), y);
        var buggy = Gradients.Of(network, [own.Weights[0], own.Weights[1], own.Weights[2] * 2], [.. own.Biases]);

        var report = GradientCheck.Run(network, x, y, gradients: buggy);
        var html = Rendered.Html(report);

        Assert.False(report.Passed);
        Assert.Equal(["W3[0,0]", "W3[1,0]"], report.Entries.Where(entry => entry.Verdict == GradientVerdict.Wrong).Select(entry => entry.Parameter));
        var verdicts = Rendered.Rows(Assert.Single(Rendered.Tables(html))).ToDictionary(r => r[0], r => r[4]);
        Assert.Equal("✘ wrong", verdicts["W3[0,0]"]);
        Assert.Equal("✔ agrees", verdicts["b3[0]"]);
        Assert.Equal(
            "15 of 17 gradients agree with the finite differences (relative error ≤ 1e-7); 2 wrong (relative error ≥ 1e-2): W3[0,0], W3[1,0]. Failed.",
            Summary(html));
    }

    [Fact]
    public void A_nudge_across_a_kink_is_labelled_and_does_not_fail_the_check()
    {
        // One hidden unit whose pre-activation is exactly 0: any nudge of b1 switches it on or off.
        var network = new Network(
            [Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0 } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0 } })],
            [Vector<double>.Build.Dense([-1.0]), Vector<double>.Build.Dense([0.0])]);
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0 } });
        var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 3.0 } });

        var report = GradientCheck.Run(network, x, y);

        Assert.True(report.Passed);
        Assert.Contains(report.Entries, entry => entry.Verdict == GradientVerdict.AtKink);
        var rows = Rendered.Rows(Assert.Single(Rendered.Tables(Rendered.Html(report))));
        Assert.Contains(rows, r => r[4] == "~ ReLU kink");
        Assert.Contains("measured across a ReLU kink (not judged)", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_verdict_explains_itself_in_a_tooltip()
    {
        var (network, x, y) = Original.Create();
        var own = network.Backward(network.Forward(x), y);
        var buggy = Gradients.Of(network, [.. own.Weights], [own.Biases[0], own.Biases[1], own.Biases[2] * 2]);
        var report = GradientCheck.Run(network, x, y, gradients: buggy);

        var verdict = Rendered.Html(report).Descendants("td").Last();  // b3[0], twice its true value

        Assert.Equal("Relative error 1e-2 or more: the backprop gradient is wrong.", (string?)verdict.Attribute("title"));
    }

    [Fact]
    public void The_check_as_plain_text_is_the_summary_then_an_aligned_table()
    {
        var (network, x, y) = Original.Create();

        var lines = Rendered.Lines(Rendered.Text(GradientCheck.Run(network, x, y)));

        Assert.Equal("17 of 17 gradients agree with the finite differences (relative error ≤ 1e-7). Passed.", lines[0]);
        Assert.Equal("Parameter        Backprop  Finite difference  Relative error  Verdict", lines[1]);
        Assert.Equal("W1[0,0]    -0.02350091983     -0.02350091983         1.8e-11  ✔ agrees", lines[3]);
        Assert.Equal(20, lines.Length);
    }

    private static string Summary(XElement html) => html.Element("p")!.Value;
}
