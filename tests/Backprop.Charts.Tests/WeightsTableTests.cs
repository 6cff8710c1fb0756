using System.Text.Json;

namespace Backprop.Charts.Tests;

public class WeightsTableTests
{
    // The original notebook's network: np.random.seed(0), then randn for W1 (3×2), W2 (2×2), W3 (2×1).
    private static Network Original() => Network.Create([3, 2, 2, 1], new NumPyRandom(0), Initialization.Randn);

    [Fact]
    public void Create_draws_one_table_per_layer()
    {
        var figure = Figure.Of(WeightsTable.Create(Original()));

        Assert.Equal(3, figure.Traces.Count);
        Assert.All(figure.Traces, t => Assert.Equal("table", t.GetProperty("type").GetString()));
        Assert.Equal([0, 1, 2], figure.Traces.Select(t => t.GetProperty("domain").GetProperty("column").GetInt32()));
    }

    [Fact]
    public void Create_shows_each_weight_at_its_row_and_column_with_four_decimals()
    {
        var w1 = Figure.Of(WeightsTable.Create(Original())).Traces[0];

        Assert.Equal([["row \\ col"], ["0"], ["1"]], Figure.Columns(w1.GetProperty("header")));
        Assert.Equal(
            [["0", "1", "2"], ["1.7641", "0.9787", "1.8676"], ["0.4002", "2.2409", "-0.9773"]],
            Figure.Columns(w1.GetProperty("cells")));
    }

    [Fact]
    public void Create_names_each_table_with_its_matrix_and_shape()
    {
        var figure = Figure.Of(WeightsTable.Create(Original(), "Initial weights"));

        var subtitles = figure.Layout.GetProperty("annotations").EnumerateArray()
            .Select(a => a.GetProperty("text").GetString());
        Assert.Equal(["W1 (3×2)", "W2 (2×2)", "W3 (2×1)"], subtitles);
        Assert.Equal("Initial weights", figure.Title);
    }

    [Fact]
    public void Create_is_tall_enough_for_the_tallest_table()
    {
        var layout = Figure.Of(WeightsTable.Create(Original())).Layout;

        var margins = layout.GetProperty("margin");
        var inner = layout.GetProperty("height").GetInt32() - margins.GetProperty("t").GetInt32() - margins.GetProperty("b").GetInt32();
        Assert.True(inner >= 4 * 28, $"{inner} px cannot hold a header and 3 rows of 28 px");
    }

    [Fact]
    public void Create_shows_the_weights_as_they_are_now()
    {
        var network = Original();
        network.Weights[2][1, 0] = -0.25;

        var w3 = Figure.Of(WeightsTable.Create(network)).Traces[2];

        Assert.Equal("-0.2500", Figure.Columns(w3.GetProperty("cells"))[1][1]);
    }

    [Fact]
    public void Create_with_the_biases_ends_each_table_in_its_bias_row()
    {
        var network = Original();
        network.Biases[0][1] = 0.125;

        var figure = Figure.Of(WeightsTable.Create(network, withBiases: true));

        Assert.Equal(
            [["0", "1", "2", "b1"], ["1.7641", "0.9787", "1.8676", "0.0000"], ["0.4002", "2.2409", "-0.9773", "0.1250"]],
            Figure.Columns(figure.Traces[0].GetProperty("cells")));
        Assert.Equal("b3", Figure.Columns(figure.Traces[2].GetProperty("cells"))[0][^1]);
        var subtitles = figure.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString());
        Assert.Equal(["W1 (3×2), b1", "W2 (2×2), b2", "W3 (2×1), b3"], subtitles);
    }
}
