using Backprop.Pictures;

namespace Backprop.Charts.Tests.Pictures;

public class GradientFlowPictureTests
{
    [Fact]
    public void Every_gradient_and_layer_norm_shown_is_Network_Backwards()
    {
        var problem = RandomProblem.Original();
        var gradients = problem.Network.Backward(problem.Network.Forward(problem.X), problem.Y);

        var shown = Shown.Of(GradientFlowPicture.Draw(problem.Network, problem.X, problem.Y));

        for (var i = 0; i < 3; i++)
        {
            var (dW, db) = (gradients.Weights[i], gradients.Biases[i]);
            for (var r = 0; r < dW.RowCount; r++)
            {
                for (var c = 0; c < dW.ColumnCount; c++)
                {
                    Shown.Agrees(dW[r, c], shown.Number($"dL_dW{i + 1}[{r},{c}]"), $"dL_dW{i + 1}[{r},{c}]");
                }
            }

            for (var unit = 0; unit < db.Count; unit++)
            {
                Shown.Agrees(db[unit], shown.Number($"dL_db{i + 1}[{unit}]"), $"dL_db{i + 1}[{unit}]");
            }

            Shown.Agrees(dW.FrobeniusNorm(), shown.Number($"‖dL_dW{i + 1}‖"), $"‖dL_dW{i + 1}‖");
        }
    }

    [Fact]
    public void Dead_units_are_grey_and_marked_and_edges_are_as_wide_as_their_gradient()
    {
        var problem = RandomProblem.Draw([3, 4, 3, 1], samples: 12, seed: 2);
        var network = problem.Network;
        network.Biases[0][2] = -100;  // unit 2 of layer 1 never fires
        var forward = network.Forward(problem.X);
        var gradients = network.Backward(forward, problem.Y);
        var dead = ReluActivity.DeadUnits(forward);
        Assert.Contains((0, 2), dead);

        var shown = Shown.Of(GradientFlowPicture.Draw(network, problem.X, problem.Y));

        var grey = shown.Kind("unit").Where(u => (string?)u.Attribute("data-off") == "true")
            .Select(u => ((int)u.Attribute("data-layer")! - 1, (int)u.Attribute("data-unit")!)).ToList();
        Assert.Equal(dead, grey);
        foreach (var (layer, unit) in dead)
        {
            Assert.Equal("dead", shown.Number($"dead{layer + 1}[{unit}]"));
            Assert.Equal($"0/{problem.X.RowCount}", shown.Number($"on{layer + 1}[{unit}]"));
        }

        var widths = shown.Kind("edge").Select(edge => (
            Width: double.Parse((string)edge.Elements().Single().Attribute("stroke-width")!, System.Globalization.CultureInfo.InvariantCulture),
            Gradient: Math.Abs(Gradient(gradients, (string)edge.Attribute("data-name")!)))).ToList();
        Assert.Equal(3 * 4 + 4 * 3 + 3, widths.Count);
        var largest = widths.Max(w => w.Gradient);
        Assert.All(widths, w => Assert.Equal(1 + (8 * w.Gradient / largest), w.Width, 0.01));
        var labelled = shown.Root.Descendants().Where(e => e.Name.LocalName == "tspan" && ((string?)e.Attribute("data-name"))?.StartsWith("dL_dW", StringComparison.Ordinal) == true)
            .Select(e => (string)e.Attribute("data-name")!).ToHashSet();
        Assert.All(shown.Kind("edge").Select(edge => (string)edge.Attribute("data-name")!), name =>
            Assert.Equal(Gradient(gradients, name) != 0, labelled.Contains(name)));
    }

    private static double Gradient(Gradients gradients, string name)
    {
        var layer = name["dL_dW".Length] - '1';
        var indices = name[(name.IndexOf('[') + 1)..^1].Split(',').Select(int.Parse).ToArray();
        return gradients.Weights[layer][indices[0], indices[1]];
    }
}
