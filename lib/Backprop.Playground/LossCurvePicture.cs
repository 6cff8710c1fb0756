using System.Globalization;
using System.Text;

namespace Backprop.Playground;

/// <summary>
/// The loss of every epoch so far, on a log axis (so that the slow end of training still shows), drawn as training
/// runs: the epoch axis ends at a round number (1, 2 or 5 times a power of ten) and is drawn again only when
/// training passes it, so between those times a frame only appends the points of its new epochs.
/// </summary>
/// <remarks>
/// The curve has a point every <c>stride</c> epochs (the axis's end over <see cref="MaxPoints"/>, so a long run costs no
/// more than a short one) and one at the last epoch trained; a loss that is not a finite number above 0 has no point. Updated a few epochs at a time or drawn at once, the
/// picture is the same: <see cref="Draw"/> is one <see cref="Update"/>.
/// </remarks>
public sealed class LossCurvePicture
{
    /// <summary>
    /// The curve keeps a point every (axis end / this) epochs, so at most this many plus one, besides the last epoch's:
    /// a long run is thinned, evenly.
    /// </summary>
    public const int MaxPoints = 200;

    /// <summary>Stands for the curve's points in the frame's text, where they are spliced in.</summary>
    private const string PointsMarker = "LOSS-POINTS";

    private readonly double _width, _height, _left, _right, _top, _bottom;
    private readonly StringBuilder _points = new();
    private string _head = "", _tail = "";
    private int _axisEnd, _stride, _nextEpoch, _low, _high;
    private double _smallest = double.PositiveInfinity, _largest = double.NegativeInfinity;

    /// <summary>An empty picture of <paramref name="width"/> × <paramref name="height"/> pixels ("no epoch trained yet").</summary>
    public LossCurvePicture(double width = 460, double height = 210)
    {
        (_width, _height) = (width, height);
        (_left, _right, _top, _bottom) = (52.0, width - 12, 24.0, height - 28);
        Svg = Frame(null).ToSvg();
    }

    /// <summary>The picture, as SVG text.</summary>
    public string Svg { get; private set; }

    /// <summary>The curve of <paramref name="losses"/> (epoch 0 first) as SVG text.</summary>
    public static string Draw(IReadOnlyList<double> losses, double width = 460, double height = 210)
    {
        var picture = new LossCurvePicture(width, height);
        picture.Update(losses);
        return picture.Svg;
    }

    /// <summary>
    /// Brings the picture up to <paramref name="losses"/>, the same run's losses as last time with the new epochs
    /// after them (a new run needs a new picture).
    /// </summary>
    public void Update(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            return;
        }

        var last = losses.Count - 1;
        var axisEnd = RoundUp(last);
        if (axisEnd != _axisEnd)
        {
            // A new epoch axis: every point moves, so the curve is drawn again from epoch 0.
            (_axisEnd, _stride, _nextEpoch) = (axisEnd, Math.Max(1, (int)Math.Ceiling(axisEnd / (double)MaxPoints)), 0);
            (_smallest, _largest) = (double.PositiveInfinity, double.NegativeInfinity);
            _points.Clear();
            _head = "";
        }

        // The points kept for good: every stride-th epoch. Their loss range, with the last epoch's, sets the decades.
        var firstNew = _nextEpoch;
        for (; _nextEpoch <= last; _nextEpoch += _stride)
        {
            if (Drawn(losses[_nextEpoch]))
            {
                (_smallest, _largest) = (Math.Min(_smallest, losses[_nextEpoch]), Math.Max(_largest, losses[_nextEpoch]));
            }
        }

        var lastLoss = losses[last];
        var lastDrawn = last % _stride != 0 && Drawn(lastLoss);
        var (smallest, largest) = lastDrawn ? (Math.Min(_smallest, lastLoss), Math.Max(_largest, lastLoss)) : (_smallest, _largest);
        if (double.IsPositiveInfinity(smallest))
        {
            Svg = Frame(null).ToSvg();
            return;
        }

        var (low, high) = ((int)Math.Floor(Math.Log10(smallest)), (int)Math.Ceiling(Math.Log10(largest)));
        high = Math.Max(high, low + 1);
        if (_head.Length == 0 || (low, high) != (_low, _high))
        {
            // New decades: the frame and every point are drawn again.
            (_low, _high) = (low, high);
            var frame = Frame(last).ToSvg();
            var marker = frame.IndexOf(PointsMarker, StringComparison.Ordinal);
            (_head, _tail) = (frame[..marker], frame[(marker + PointsMarker.Length)..]);
            _points.Clear();
            firstNew = 0;
        }

        for (var epoch = firstNew; epoch < _nextEpoch; epoch += _stride)
        {
            AppendPoint(_points, epoch, losses[epoch]);
        }

        var points = new StringBuilder().Append(_points);
        if (lastDrawn)
        {
            AppendPoint(points, last, lastLoss);
        }

        Svg = string.Concat(_head, points.ToString().TrimEnd(), _tail);
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="epoch"/> (and at least 10).</summary>
    private static int RoundUp(int epoch)
    {
        for (var power = 10; ; power *= 10)
        {
            foreach (var step in (int[])[1, 2, 5])
            {
                if (step * power >= epoch)
                {
                    return step * power;
                }
            }
        }
    }

    private static bool Drawn(double loss) => double.IsFinite(loss) && loss > 0;

    private void AppendPoint(StringBuilder points, int epoch, double loss)
    {
        if (Drawn(loss))
        {
            SvgPlot.AppendPoint(points, SvgPlot.Scale(epoch, 0, _axisEnd, _left, _right), SvgPlot.Scale(Math.Log10(loss), _low, _high, _bottom, _top));
        }
    }

    /// <summary>The axes and their labels, with the curve's place marked; with no <paramref name="last"/> epoch, "no epoch trained yet".</summary>
    private SvgPlot Frame(int? last)
    {
        var plot = new SvgPlot(_width, _height, "Loss per epoch (log axis)", "Loss per epoch on a log axis");
        plot.Text((_left + _right) / 2, _height - 6, "epoch", SvgPlot.Muted);
        if (last is null)
        {
            plot.Text((_left + _right) / 2, (_top + _bottom) / 2, "no epoch trained yet", SvgPlot.Muted);
            return plot;
        }

        for (var power = _low; power <= _high; power++)
        {
            var y = SvgPlot.Scale(power, _low, _high, _bottom, _top);
            plot.Line(_left, y, _right, y, SvgPlot.Grid);
            plot.Text(_left - 6, y + 4, "1e" + power.ToString(CultureInfo.InvariantCulture), SvgPlot.Muted, "end");
        }

        plot.Text(_left, _bottom + 14, "0", SvgPlot.Muted);
        plot.Text(_right, _bottom + 14, _axisEnd.ToString(CultureInfo.InvariantCulture), SvgPlot.Muted, "end");
        plot.Polyline(PointsMarker, SvgPlot.Prediction, 2, "loss");
        return plot;
    }
}
