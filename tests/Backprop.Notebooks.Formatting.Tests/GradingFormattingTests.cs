using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks.Formatting.Tests;

public class GradingFormattingTests
{
    private const string Green = "color:#1a7f37";
    private const string Grey = "color:#6e7781";
    private const string Red = "color:#cf222e";

    [Fact]
    public void Right_lines_are_green_and_note_and_not_done_lines_are_grey()
    {
        var x = Matrix<double>.Build.Dense(8, 2, (row, column) => (row * 3.0) + column + (row % 3));
        var y = Matrix<double>.Build.Dense(8, 1, (row, _) => 100 + (row * row));
        var report = Exercise.CheckScaling(x, y, Standardization.Fit(x).Apply(x), Standardization.Fit(y).Apply(y), ' ');

        var lines = Lines(report);

        Assert.Equal(report.Items.Select(item => item.Message), lines.Select(line => line.Text));
        Assert.Equal(["✔", "✔", "·", "·", "○"], lines.Select(line => line.Text[..1]));
        Assert.Equal([Green, Green, Grey, Grey, Grey], lines.Select(line => line.Style));
    }

    [Fact]
    public void Wrong_lines_are_red()
    {
        var x = Matrix<double>.Build.Dense(8, 2, (row, column) => row + column);
        var report = Exercise.CheckScaling(x, x.SubMatrix(0, 8, 0, 1), null, null, 'a');

        var lines = Lines(report);

        Assert.Equal(["○", "○", "✘"], lines.Select(line => line.Text[..1]));
        Assert.Equal([Grey, Grey, Red], lines.Select(line => line.Style));
    }

    private static List<(string Text, string? Style)> Lines(GradingReport report) =>
        [.. Rendered.Html(report).Elements("div").Select(div => (div.Value, (string?)div.Attribute("style")))];
}
