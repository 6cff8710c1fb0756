namespace Backprop.Charts.Tests;

public class LossChartTests
{
    private static readonly double[] Losses = [0.5, 0.25, 0.125, 0.0625];

    [Fact]
    public void Create_draws_one_line_with_the_loss_of_each_epoch()
    {
        var figure = Figure.Of(LossChart.Create(Losses));

        var trace = Assert.Single(figure.Traces);
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("lines", trace.GetProperty("mode").GetString());
        Assert.Equal([0, 1, 2, 3], Figure.Numbers(trace, "x"));
        Assert.Equal(Losses, Figure.Numbers(trace, "y"));
        Assert.False(trace.GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void Create_titles_the_chart_and_both_axes()
    {
        var figure = Figure.Of(LossChart.Create(Losses, "Lesson 1"));

        Assert.Equal("Lesson 1", figure.Title);
        Assert.Equal("Epoch", figure.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Loss (MSE, log scale)", figure.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Create_puts_the_loss_on_a_log_axis()
    {
        var figure = Figure.Of(LossChart.Create(Losses));

        Assert.Equal("log", figure.Layout.GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Create_sets_a_size_that_fits_a_notebook()
    {
        var figure = Figure.Of(LossChart.Create(Losses));

        Assert.Equal(900, figure.Layout.GetProperty("width").GetInt32());
        Assert.Equal(500, figure.Layout.GetProperty("height").GetInt32());
    }

    [Fact]
    public void Compare_draws_one_named_curve_per_series_on_a_log_axis()
    {
        var figure = Figure.Of(LossChart.Compare(
        [
            new LossSeries("lr = 0.01", [0.5, 0.4, 0.3]),
            new LossSeries("lr = 0.1", [0.5, 0.2, 0.1]),
        ]));

        Assert.Equal(["lr = 0.01", "lr = 0.1"], figure.Traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(figure.Traces, t => Assert.True(t.GetProperty("showlegend").GetBoolean()));
        Assert.Equal([0.5, 0.2, 0.1], Figure.Numbers(figure.Traces[1], "y"));
        Assert.Equal("log", figure.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("Training loss per epoch", figure.Title);
    }

    [Fact]
    public void Compare_draws_a_run_that_stopped_early_up_to_its_last_epoch()
    {
        var figure = Figure.Of(LossChart.Compare(
        [
            new LossSeries("lr = 0.01", [0.5, 0.4, 0.3, 0.2, 0.1]),
            new LossSeries("lr = 5", [0.5, 30.0]),
        ]));

        Assert.Equal([0, 1], Figure.Numbers(figure.Traces[1], "x"));
        Assert.Equal([0.5, 30.0], Figure.Numbers(figure.Traces[1], "y"));
        Assert.Equal(5, Figure.Numbers(figure.Traces[0], "x").Length);
    }

    [Fact]
    public void Compare_ends_a_curve_at_its_first_loss_that_is_not_finite()
    {
        var figure = Figure.Of(LossChart.Compare(
        [
            new LossSeries("diverged", [0.5, 1e12, double.PositiveInfinity, double.NaN]),
        ]));

        var trace = Assert.Single(figure.Traces);
        Assert.Equal([0, 1], Figure.Numbers(trace, "x"));
        Assert.Equal([0.5, 1e12], Figure.Numbers(trace, "y"));
    }

    [Fact]
    public void Compare_refuses_an_empty_list_of_series()
    {
        Assert.Throws<ArgumentException>(() => LossChart.Compare([]));
    }
}
