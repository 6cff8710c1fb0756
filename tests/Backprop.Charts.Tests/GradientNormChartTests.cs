namespace Backprop.Charts.Tests;

public class GradientNormChartTests
{
    // Three epochs of a three-layer network: each row is one epoch's ‖dL/dW1‖, ‖dL/dW2‖, ‖dL/dW3‖.
    private static readonly IReadOnlyList<double>[] Norms = [[0.16, 1.1, 0.21], [0.11, 0.74, 0.12], [0.1, 0.66, 0.08]];

    [Fact]
    public void Create_draws_one_named_line_per_layer_with_its_norm_in_each_epoch()
    {
        var figure = Figure.Of(GradientNormChart.Create(Norms));

        Assert.Equal(3, figure.Traces.Count);
        Assert.All(figure.Traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.All(figure.Traces, t => Assert.Equal("lines", t.GetProperty("mode").GetString()));
        Assert.Equal(["layer 1: ‖∂L/∂W1‖", "layer 2: ‖∂L/∂W2‖", "layer 3: ‖∂L/∂W3‖"], figure.Traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0, 1, 2], Figure.Numbers(figure.Traces[1], "x"));
        Assert.Equal([1.1, 0.74, 0.66], Figure.Numbers(figure.Traces[1], "y"));
    }

    [Fact]
    public void Create_titles_the_chart_and_puts_the_norms_on_a_titled_log_axis()
    {
        var figure = Figure.Of(GradientNormChart.Create(Norms, "Gradients, lr = 0.01"));

        Assert.Equal("Gradients, lr = 0.01", figure.Title);
        Assert.Equal("Epoch", figure.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        var y = figure.Layout.GetProperty("yaxis");
        Assert.Equal("Gradient norm ‖∂L/∂W‖ (log scale)", y.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("log", y.GetProperty("type").GetString());
    }

    [Fact]
    public void A_linear_axis_shows_a_gradient_dropping_to_exactly_zero()
    {
        var figure = Figure.Of(GradientNormChart.Create([[0.5, 0.2], [0.0, 0.0]], logScale: false));

        var y = figure.Layout.GetProperty("yaxis");
        Assert.Equal("linear", y.GetProperty("type").GetString());
        Assert.Equal("Gradient norm ‖∂L/∂W‖", y.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal([0.5, 0.0], Figure.Numbers(figure.Traces[0], "y"));
    }

    [Fact]
    public void Epochs_with_different_numbers_of_layers_or_none_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GradientNormChart.Create([[0.1, 0.2], [0.1]]));
        Assert.Throws<ArgumentException>(() => GradientNormChart.Create([]));
    }
}
