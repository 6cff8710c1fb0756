namespace Backprop.Charts.Tests;

public class SweepChartTests
{
    [Fact]
    public void Runs_that_stay_in_range_are_drawn_as_Compare_draws_them()
    {
        LossSeries[] runs = [new("lr = 0.01", [0.5, 0.4, 0.3]), new("lr = 0.1", [0.5, 0.2, 0.1])];

        var figure = Figure.Of(SweepChart.Create(runs, "Sweep"));

        Assert.Equal(Figure.Of(LossChart.Compare(runs, "Sweep")).Traces.Select(t => t.ToString()), figure.Traces.Select(t => t.ToString()));
        Assert.False(figure.Layout.GetProperty("yaxis").TryGetProperty("range", out _));
        Assert.Equal("Sweep", figure.Title);
    }

    [Fact]
    public void A_run_that_blows_up_leaves_through_the_top_of_an_axis_cut_at_100_times_the_highest_start()
    {
        LossSeries[] runs =
        [
            new("lr = 0.01", [0.5, 0.4, 0.02]),
            new("lr = 2 (diverged at epoch 4)", [0.5, 40.0, 1e100, 1e300]),
        ];

        var figure = Figure.Of(SweepChart.Create(runs));

        var y = figure.Layout.GetProperty("yaxis");
        Assert.Equal("log", y.GetProperty("type").GetString());
        Assert.Equal("Loss (MSE, log scale)", y.GetProperty("title").GetProperty("text").GetString());
        var range = y.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(Math.Log10(0.01), range[0], 12);  // half the lowest loss drawn
        Assert.Equal(Math.Log10(50), range[1], 12);    // 100 × the highest first loss
        Assert.Equal([0.5, 40.0, 1e100, 1e300], Figure.Numbers(figure.Traces[1], "y"));
        Assert.Equal("lr = 2 (diverged at epoch 4)", figure.Traces[1].GetProperty("name").GetString());
    }

    [Fact]
    public void Epoch_and_loss_axes_keep_their_titles()
    {
        var layout = Figure.Of(SweepChart.Create([new LossSeries("a", [1.0, 1e9])])).Layout;

        Assert.Equal("Epoch", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Loss (MSE, log scale)", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }
}
