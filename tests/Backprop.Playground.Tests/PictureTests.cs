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
        var points = LossPoints(svg);
        Assert.Equal((1230 / 10) + 2, points.Length);  // every 10th epoch of an axis to 2000 (2000 / 200 points), and the last
        Assert.Equal(52, points[0][0]);                  // epoch 0 at the left edge
        Assert.Equal(296, points[^1][0]);                // epoch 1233 of 2000: 52 + 1233 / 2000 × (448 − 52)
        Assert.True(points[0][1] < points[^1][1]);       // the loss falls: lower on the picture (y grows downwards)
        var labels = svg.Descendants(Svg + "text").Select(text => text.Value).ToArray();
        Assert.Contains("2000", labels);                 // the epoch axis ends at a round number past 1233
        Assert.Contains("1e0", labels);                  // 0.5 rounds up to the decade 1e0 …
        Assert.Contains("1e-4", labels);                 // … 0.5/1234 ≈ 4e-4 down to 1e-4
    }

    [Fact]
    public void The_loss_curve_updated_a_few_epochs_at_a_time_is_the_curve_drawn_at_once()
    {
        // A run that falls, jumps up a decade, has a loss that is not finite, and crosses several axis ends.
        var losses = Enumerable.Range(0, 2600)
            .Select(epoch => epoch == 700 ? double.NaN : epoch is > 1500 and < 1520 ? 3.0 : 0.5 / (1 + epoch))
            .ToArray();
        var live = new LossCurvePicture();
        var random = new Random(7);
        for (var count = 1; count <= losses.Length; count += random.Next(1, 40))
        {
            live.Update(losses[..count]);
            Assert.Equal(LossCurvePicture.Draw(losses[..count]), live.Svg);
        }
    }

    [Fact]
    public void The_loss_curve_before_the_first_epoch_says_so()
    {
        Assert.Contains("no epoch trained yet", LossCurvePicture.Draw([]));
        Assert.Contains("no epoch trained yet", new LossCurvePicture().Svg);
    }

    private static int[][] LossPoints(XElement svg) =>
        svg.Descendants(Svg + "polyline").Single(line => (string?)line.Attribute("data-name") == "loss")
            .Attribute("points")!.Value.Split(' ').Select(point => point.Split(',').Select(int.Parse).ToArray()).ToArray();

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
