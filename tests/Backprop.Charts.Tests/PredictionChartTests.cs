using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Charts.Tests;

public class PredictionChartTests
{
    private static readonly double[] Targets = [100, 200, 400];
    private static readonly double[] Predictions = [120, 180, 300];

    [Fact]
    public void Create_draws_a_dot_per_sample_at_target_and_prediction()
    {
        var dots = Figure.Of(PredictionChart.Create(Targets, Predictions)).Traces[0];

        Assert.Equal("scatter", dots.GetProperty("type").GetString());
        Assert.Equal("markers", dots.GetProperty("mode").GetString());
        Assert.Equal("samples", dots.GetProperty("name").GetString());
        Assert.Equal(Targets, Figure.Numbers(dots, "x"));
        Assert.Equal(Predictions, Figure.Numbers(dots, "y"));
    }

    [Fact]
    public void Create_draws_the_diagonal_across_every_value_with_a_margin()
    {
        var line = Figure.Of(PredictionChart.Create(Targets, Predictions)).Traces[1];

        Assert.Equal("lines", line.GetProperty("mode").GetString());
        Assert.Equal("perfect: prediction = target", line.GetProperty("name").GetString());
        Assert.Equal([85.0, 415.0], Figure.Numbers(line, "x"));  // 100 to 400, widened by 5% of 300 each side
        Assert.Equal(Figure.Numbers(line, "x"), Figure.Numbers(line, "y"));
    }

    [Fact]
    public void Both_axes_cover_the_same_range_so_the_diagonal_is_at_45_degrees()
    {
        var layout = Figure.Of(PredictionChart.Create(Targets, Predictions)).Layout;

        Assert.Equal([85.0, 415.0], Range(layout, "xaxis"));
        Assert.Equal([85.0, 415.0], Range(layout, "yaxis"));
    }

    [Fact]
    public void Create_titles_the_chart_and_both_axes_with_the_quantity()
    {
        var figure = Figure.Of(PredictionChart.Create(Targets, Predictions, "Test days", "bikes hired"));

        Assert.Equal("Test days", figure.Title);
        Assert.Equal("Target (bikes hired)", figure.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Prediction (bikes hired)", figure.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Create_takes_the_one_column_matrices_a_network_works_with()
    {
        var targets = Matrix<double>.Build.DenseOfColumnArrays(Targets);
        var predictions = Matrix<double>.Build.DenseOfColumnArrays(Predictions);

        var dots = Figure.Of(PredictionChart.Create(targets, predictions)).Traces[0];

        Assert.Equal(Targets, Figure.Numbers(dots, "x"));
        Assert.Equal(Predictions, Figure.Numbers(dots, "y"));
    }

    [Fact]
    public void Mismatched_or_empty_data_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PredictionChart.Create([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => PredictionChart.Create(Array.Empty<double>(), Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => PredictionChart.Create(Matrix<double>.Build.Dense(3, 2), Matrix<double>.Build.Dense(3, 2)));
    }

    private static double[] Range(System.Text.Json.JsonElement layout, string axis) =>
        layout.GetProperty(axis).GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
