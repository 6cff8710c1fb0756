namespace Backprop.Playground;

/// <summary>The loss of every epoch so far, on a log axis (so that the slow end of training still shows).</summary>
public static class LossCurvePicture
{
    /// <summary>At most this many points are drawn: a long run is thinned, evenly.</summary>
    public const int MaxPoints = 200;

    /// <summary>The curve of <paramref name="losses"/> (epoch 0 first) as SVG text.</summary>
    public static string Draw(IReadOnlyList<double> losses, double width = 460, double height = 210)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var plot = new SvgPlot(width, height, "Loss per epoch (log axis)", "Loss per epoch on a log axis");
        var (left, right, top, bottom) = (52.0, width - 12, 24.0, height - 28);
        plot.Text((left + right) / 2, height - 6, "epoch", SvgPlot.Muted);
        // The epochs drawn: every stride-th one and the last, so a long run costs no more than a short one.
        var stride = Math.Max(1, (int)Math.Ceiling(losses.Count / (double)MaxPoints));
        var drawn = new List<(int Epoch, double Loss)>(MaxPoints + 1);
        for (var epoch = 0; epoch < losses.Count; epoch += stride)
        {
            Keep(epoch);
        }

        if ((losses.Count - 1) % stride != 0)
        {
            Keep(losses.Count - 1);
        }

        void Keep(int epoch)
        {
            if (double.IsFinite(losses[epoch]) && losses[epoch] > 0)
            {
                drawn.Add((epoch, losses[epoch]));
            }
        }

        if (drawn.Count == 0)
        {
            plot.Text((left + right) / 2, (top + bottom) / 2, "no epoch trained yet", SvgPlot.Muted);
            return plot.ToSvg();
        }

        var (low, high) = (Math.Floor(Math.Log10(drawn.Min(point => point.Loss))), Math.Ceiling(Math.Log10(drawn.Max(point => point.Loss))));
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
        var points = drawn.Select(point => (SvgPlot.Scale(point.Epoch, 0, last, left, right), SvgPlot.Scale(Math.Log10(point.Loss), low, high, bottom, top)));
        plot.Polyline(points, SvgPlot.Prediction, 2, "loss");
        return plot.ToSvg();
    }
}
