using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Charts.Tests;

public class FunctionFitChartTests
{
    // x on [-2, 2]; the targets are not used by the curves, only drawn.
    private static readonly Matrix<double> X = Matrix<double>.Build.DenseOfColumnArrays([-2.0, -1.0, 0.0, 1.0, 2.0]);
    private static readonly Matrix<double> Y = Matrix<double>.Build.DenseOfColumnArrays([4.0, 1.0, 0.0, 1.0, 4.0]);

    // 1-2-1-1: z1 = [x, 1 - x], so layer 1 switches at x = 0 and x = 1;
    // z2 = relu(x) + relu(1 - x) - 1.5 is 0.5 - x left of 0, -0.5 between 0 and 1, x - 1.5 right of 1:
    // it crosses 0 at x = -0.5 and x = 1.5. The output is relu(z2).
    private static Network TwoLayers() => new(
        [M(new[] { 1.0, -1.0 }), Matrix<double>.Build.DenseOfColumnArrays([1.0, 1.0]), M(new[] { 1.0 })],
        [V(0, 1), V(-1.5), V(0)]);

    [Fact]
    public void Kinks_are_where_each_unit_switches_in_both_hidden_layers()
    {
        var kinks = FunctionFitChart.Kinks(TwoLayers(), -2, 2);

        Assert.Equal([(-0.5, 1, 0), (0.0, 0, 0), (1.0, 0, 1), (1.5, 1, 0)], kinks);
    }

    [Fact]
    public void Kinks_outside_the_range_or_of_dead_units_are_not_counted()
    {
        // The second layer-1 unit is 1 - x - 5 < 0 on the whole range: dead, no kink.
        var network = new Network([M(new[] { 1.0, -1.0 }), Matrix<double>.Build.DenseOfColumnArrays([1.0, 1.0])], [V(0.5, -4), V(0)]);

        Assert.Equal([(-0.5, 0, 0)], FunctionFitChart.Kinks(network, -2, 2));
        Assert.Empty(FunctionFitChart.Kinks(network, 0, 2));
    }

    [Fact]
    public void Create_draws_the_data_then_each_curve_and_its_kinks_on_the_curve()
    {
        var network = TwoLayers();
        var figure = Figure.Of(FunctionFitChart.Create(X, Y, [("trained", network)], "Fit"));

        Assert.Equal("Fit", figure.Title);
        Assert.Equal(3, figure.Traces.Count);
        Assert.Equal("training data", figure.Traces[0].GetProperty("name").GetString());
        Assert.Equal(X.Column(0).ToArray(), Figure.Numbers(figure.Traces[0], "x"));
        Assert.Equal(Y.Column(0).ToArray(), Figure.Numbers(figure.Traces[0], "y"));

        var curve = figure.Traces[1];
        Assert.Equal("trained (4 kinks)", curve.GetProperty("name").GetString());
        var curveX = Figure.Numbers(curve, "x");
        Assert.Equal(FunctionFitChart.CurvePoints + 4, curveX.Length);
        Assert.Equal(-2, curveX[0]);
        Assert.Equal(2, curveX[^1]);
        Assert.Equal(Predict(network, curveX), Figure.Numbers(curve, "y"));

        var kinks = figure.Traces[2];
        Assert.Equal([-0.5, 0.0, 1.0, 1.5], Figure.Numbers(kinks, "x"));
        Assert.Equal([0.0, 0.0, 0.0, 0.0], Figure.Numbers(kinks, "y"));  // relu(z2): z2 = 0 at its own kinks, -0.5 → 0 between
        Assert.Equal(curve.GetProperty("line").GetProperty("color").GetString(), kinks.GetProperty("marker").GetProperty("color").GetString());
    }

    [Fact]
    public void Both_axes_are_titled()
    {
        var layout = Figure.Of(FunctionFitChart.Create(X, Y, [("trained", TwoLayers())])).Layout;

        Assert.Equal("Input x", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Prediction and target y", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_y_axis_shows_the_targets_with_half_their_range_above_and_below()
    {
        var layout = Figure.Of(FunctionFitChart.Create(X, Y, [("trained", TwoLayers())])).Layout;

        Assert.Equal([-2.0, 6.0], layout.GetProperty("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));  // targets 0 to 4
    }

    [Fact]
    public void Networks_with_more_than_one_input_or_output_and_mismatched_data_are_refused()
    {
        var twoInputs = new Network([Matrix<double>.Build.Dense(2, 1)], [V(0)]);

        Assert.Throws<ArgumentException>(() => FunctionFitChart.Create(X, Y, [("two inputs", twoInputs)]));
        Assert.Throws<ArgumentException>(() => FunctionFitChart.Kinks(twoInputs, 0, 1));
        Assert.Throws<ArgumentException>(() => FunctionFitChart.Kinks(TwoLayers(), 1, 1));
        Assert.Throws<ArgumentException>(() => FunctionFitChart.Create(X, Y.SubMatrix(0, 4, 0, 1), [("trained", TwoLayers())]));
    }

    private static double[] Predict(Network network, double[] x) =>
        network.Predict(Matrix<double>.Build.DenseOfColumnArrays(x)).Column(0).ToArray();

    private static Matrix<double> M(double[] row) => Matrix<double>.Build.DenseOfRowArrays(row);

    private static Vector<double> V(params double[] values) => Vector<double>.Build.DenseOfArray(values);
}
