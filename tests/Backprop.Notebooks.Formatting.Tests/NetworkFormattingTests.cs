namespace Backprop.Notebooks.Formatting.Tests;

public class NetworkFormattingTests
{
    [Fact]
    public void A_network_shows_its_shape_and_parameter_count_then_every_weight_and_bias()
    {
        var network = Original.Create().Network;

        var html = Rendered.Html(network);

        Assert.Equal("Network 3 → 2 → 2 → 1: 17 parameters (12 weights, 5 biases)", html.Element("p")!.Value);
        var tables = Rendered.Tables(html);
        Assert.Equal(["W1 3×2", "b1 1×2", "W2 2×2", "b2 1×2", "W3 2×1", "b3 1×1"], tables.Select(Rendered.Caption));
        Assert.Equal(["2", "1.8676", "-0.9773"], Rendered.Rows(tables[0])[2]);
        Assert.Equal([["0", "0", "0"]], Rendered.Rows(tables[1]));
    }

    [Fact]
    public void A_network_shows_its_weights_as_they_are_now()
    {
        var network = Original.Create().Network;
        network.Biases[2][0] = 0.125;

        var tables = Rendered.Tables(Rendered.Html(network));

        Assert.Equal([["0", "0.1250"]], Rendered.Rows(tables[5]));
    }

    [Fact]
    public void A_network_as_plain_text_has_the_summary_and_each_matrix()
    {
        var lines = Rendered.Lines(Rendered.Text(Original.Create().Network));

        Assert.Equal("Network 3 → 2 → 2 → 1: 17 parameters (12 weights, 5 biases)", lines[0]);
        Assert.Equal(["W1 (3×2)", "b1 (1×2)", "W2 (2×2)", "b2 (1×2)", "W3 (2×1)", "b3 (1×1)"], lines.Where(l => l.Contains('(', StringComparison.Ordinal)).Skip(1));
        Assert.Contains("0  1.7641   0.4002", lines);
    }
}
