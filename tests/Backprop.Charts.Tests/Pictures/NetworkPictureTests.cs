using Backprop.Pictures;

namespace Backprop.Charts.Tests.Pictures;

public class NetworkPictureTests
{
    private static readonly RandomProblem Problem = RandomProblem.Original();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void Every_weight_bias_and_unit_value_is_labelled_with_its_value(int sample)
    {
        var network = Problem.Network;
        var forward = network.Forward(Problem.X);

        var shown = Shown.Of(NetworkPicture.Draw(network, Problem.X, sample, Problem.Y));

        for (var i = 0; i < network.LayerCount; i++)
        {
            var (W, b) = (network.Weights[i], network.Biases[i]);
            for (var r = 0; r < W.RowCount; r++)
            {
                for (var c = 0; c < W.ColumnCount; c++)
                {
                    Shown.Agrees(W[r, c], shown.Number($"W{i + 1}[{r},{c}]"), $"W{i + 1}[{r},{c}]");
                }
            }

            for (var unit = 0; unit < b.Count; unit++)
            {
                Shown.Agrees(b[unit], shown.Number($"b{i + 1}[{unit}]"), $"b{i + 1}[{unit}]");
                var z = forward.PreActivations[i][sample, unit];
                if (i < network.LayerCount - 1)
                {
                    Shown.Agrees(z, shown.Number($"z{i + 1}[{unit}]"), $"z{i + 1}[{unit}]");
                    Shown.Agrees(forward.Activations[i][sample, unit], shown.Number($"a{i + 1}[{unit}]"), $"a{i + 1}[{unit}]");
                }
                else
                {
                    Shown.Agrees(z, shown.Number($"y_pred[{unit}]"), "y_pred");
                    Shown.Agrees(Problem.Y[sample, unit], shown.Number($"y[{unit}]"), "y");
                }
            }
        }

        for (var feature = 0; feature < 3; feature++)
        {
            Shown.Agrees(Problem.X[sample, feature], shown.Number($"x[{feature}]"), $"x[{feature}]");
        }

        Assert.Equal(6 + 4 + 2, shown.Kind("edge").Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void The_grey_units_are_exactly_those_with_z_at_most_zero(int sample)
    {
        var forward = Problem.Network.Forward(Problem.X);

        var shown = Shown.Of(NetworkPicture.Draw(Problem.Network, Problem.X, sample));

        var units = shown.Kind("unit").ToList();
        var hidden = units.Where(u => (int)u.Attribute("data-layer")! is 1 or 2).ToList();
        Assert.Equal(4, hidden.Count);
        var grey = units.Where(u => (string?)u.Attribute("data-off") == "true").ToList();
        var expected = hidden.Where(u => forward.PreActivations[(int)u.Attribute("data-layer")! - 1][sample, (int)u.Attribute("data-unit")!] <= 0).ToList();
        Assert.Equal(expected, grey);
        if (grey.Count == 0)
        {
            return;
        }

        var greyFills = grey.Select(u => (string)Shown.Circle(u).Attribute("fill")!).ToHashSet();
        var otherFills = units.Except(grey).Select(u => (string)Shown.Circle(u).Attribute("fill")!).ToHashSet();
        Assert.Single(greyFills);
        Assert.DoesNotContain(greyFills.Single(), otherFills);
    }

    [Fact]
    public void Edges_are_coloured_by_sign_and_as_wide_as_the_weight_is_large()
    {
        var shown = Shown.Of(NetworkPicture.Draw(Problem.Network, Problem.X));
        var weights = Problem.Network.Weights;
        var edges = shown.Kind("edge").Select(edge => (Name: (string)edge.Attribute("data-name")!, Line: edge.Elements().Single())).ToList();

        double Weight(string name)
        {
            var layer = name[1] - '1';
            var indices = name[(name.IndexOf('[') + 1)..^1].Split(',').Select(int.Parse).ToArray();
            return weights[layer][indices[0], indices[1]];
        }

        var positive = edges.Where(e => Weight(e.Name) > 0).Select(e => (string)e.Line.Attribute("stroke")!).Distinct().ToList();
        var negative = edges.Where(e => Weight(e.Name) < 0).Select(e => (string)e.Line.Attribute("stroke")!).Distinct().ToList();
        Assert.Single(positive);
        Assert.Single(negative);
        Assert.NotEqual(positive[0], negative[0]);
        var largest = edges.Max(e => Math.Abs(Weight(e.Name)));
        Assert.All(edges, e => Assert.Equal(
            1 + (8 * Math.Abs(Weight(e.Name)) / largest),
            double.Parse((string)e.Line.Attribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture),
            0.01));
    }

    [Fact]
    public void A_sample_outside_X_is_one_clear_message()
    {
        var error = Assert.Throws<InvalidInputException>(() => NetworkPicture.Draw(Problem.Network, Problem.X, sample: 10));

        Assert.Equal("Sample 10 is not a row of X, which has 10 rows: choose a sample from 0 to 9.", error.Message);
    }
}
