using System.Xml.Linq;

namespace Backprop.Playground.Tests;

public class PictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_loss_curve_thins_a_long_run_and_keeps_its_first_and_last_epoch_on_a_log_axis()
    {
        var losses = Enumerable.Range(0, 1234).Select(epoch => 0.5 / (1 + epoch)).ToArray();
        var svg = XElement.Parse(LossCurvePicture.Draw(losses));
        var points = svg.Descendants(Svg + "polyline").Single(line => (string?)line.Attribute("data-name") == "loss")
            .Attribute("points")!.Value.Split(' ').Select(point => point.Split(',').Select(int.Parse).ToArray()).ToArray();
        Assert.InRange(points.Length, 100, LossCurvePicture.MaxPoints + 1);
        Assert.Equal(52, points[0][0]);            // epoch 0 at the left edge
        Assert.Equal(448, points[^1][0]);          // epoch 1233 at the right edge (460 - 12)
        Assert.True(points[0][1] < points[^1][1]); // the loss falls: lower on the picture (y grows downwards)
        var labels = svg.Descendants(Svg + "text").Select(text => text.Value).ToArray();
        Assert.Contains("1e0", labels);            // 0.5 rounds up to the decade 1e0 …
        Assert.Contains("1e-4", labels);           // … 0.5/1234 ≈ 4e-4 down to 1e-4
    }

    [Fact]
    public void The_function_picture_draws_the_prediction_the_network_makes()
    {
        var data = TrainingData.Build(new PlaygroundSettings { Data = DataSource.Sine, HiddenLayers = [4] });
        var svg = XElement.Parse(FunctionPicture.Draw(data.Network, data));
        var prediction = svg.Descendants(Svg + "polyline").Single(line => (string?)line.Attribute("data-name") == "prediction");
        Assert.Equal(FunctionPicture.CurvePoints, prediction.Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(TrainingData.FunctionPoints, svg.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void A_unit_that_is_off_everywhere_is_marked_on_the_hidden_unit_curves()
    {
        var data = TrainingData.Build(new PlaygroundSettings { Data = DataSource.Step, HiddenLayers = [8] });
        var forward = data.Network.Forward(FunctionPicture.Grid(HiddenUnitsPicture.CurvePoints));
        var off = Enumerable.Range(0, 8).Count(unit => forward.Activations[0].Column(unit).All(a => a <= 0));
        var svg = HiddenUnitsPicture.Draw(data.Network, data);
        Assert.Equal(off, System.Text.RegularExpressions.Regex.Count(svg, "off everywhere"));
        Assert.Equal(8, XElement.Parse(svg).Descendants(Svg + "polyline").Count());
    }
}
