namespace Backprop.Playground;

/// <summary>The loss of every epoch so far, on a log axis (so that the slow end of training still shows).</summary>
public static class LossCurvePicture
{
    /// <summary>At most this many points are drawn: a long run is thinned, evenly.</summary>
    public const int MaxPoints = 300;

    /// <summary>The curve of <paramref name="losses"/> (epoch 0 first) as SVG text.</summary>
    public static string Draw(IReadOnlyList<double> losses, double width = 460, double height = 210)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var plot = new SvgPlot(width, height, "Loss per epoch (log axis)", "Loss per epoch on a log axis");
        var (left, right, top, bottom) = (52.0, width - 12, 24.0, height - 28);
        plot.Text((left + right) / 2, height - 6, "epoch", SvgPlot.Muted);
        var finite = losses.Where(loss => double.IsFinite(loss) && loss > 0).ToArray();
        if (finite.Length == 0)
        {
            plot.Text((left + right) / 2, (top + bottom) / 2, "no epoch trained yet", SvgPlot.Muted);
            return plot.ToSvg();
        }

        var (low, high) = (Math.Floor(Math.Log10(finite.Min())), Math.Ceiling(Math.Log10(finite.Max())));
        if (high <= low)
        {
            high = low + 1;
        }

        for (var power = low; power <= high; power++)
        {
            var y = SvgPlot.Scale(power, low, high, bottom, top);
            plot.Line(left, y, right, y, SvgPlot.Grid);
            plot.Text(left - 6, y + 4, "1e" + power.ToString(System.Globalization.CultureInfo.InvariantCulture), SvgPlot.Muted, "end");
        }

        var last = Math.Max(1, losses.Count - 1);
        plot.Text(left, bottom + 14, "0", SvgPlot.Muted);
        plot.Text(right, bottom + 14, last.ToString(System.Globalization.CultureInfo.InvariantCulture), SvgPlot.Muted, "end");
        var stride = Math.Max(1, (int)Math.Ceiling(losses.Count / (double)MaxPoints));
        var points = Enumerable.Range(0, losses.Count)
            .Where(epoch => epoch % stride == 0 || epoch == losses.Count - 1)
            .Where(epoch => double.IsFinite(losses[epoch]) && losses[epoch] > 0)
            .Select(epoch => (SvgPlot.Scale(epoch, 0, last, left, right), SvgPlot.Scale(Math.Log10(losses[epoch]), low, high, bottom, top)));
        plot.Polyline(points, SvgPlot.Prediction, 2, "loss");
        return plot.ToSvg();
    }
}
