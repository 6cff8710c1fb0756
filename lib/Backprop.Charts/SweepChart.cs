namespace Backprop.Charts;

/// <summary>
/// Several training runs' loss curves on one chart, as <see cref="LossChart.Compare"/> draws them, with the loss
/// axis cut off at a sensible height when a run blows up, so the other runs stay readable.
/// </summary>
/// <remarks>
/// A run whose loss climbs towards 1e300 before it turns NaN would stretch a log axis over 300 powers of ten and
/// squash every other curve flat. Here the axis stops at <see cref="CeilingFactor"/> times the highest starting
/// loss: the diverging run leaves through the top (name it so in its legend, for example
/// <c>lr = 2 (diverged at epoch 323)</c>), and the others keep their shape.
/// </remarks>
public static class SweepChart
{
    /// <summary>The loss axis reaches this many times the highest starting loss, when some run goes higher.</summary>
    public const double CeilingFactor = 100;

    /// <summary>The runs, one curve each, on a log loss axis cut at the ceiling if a run climbs past it.</summary>
    /// <param name="runs">The runs, each with its legend name; a run that stopped early is shorter.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Create(IEnumerable<LossSeries> runs, string title = "Training loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        var chart = LossChart.Compare(list, title);

        var drawn = list.SelectMany(run => run.Losses.TakeWhile(double.IsFinite)).Where(loss => loss > 0).ToList();
        var starts = list.Where(run => run.Losses.Count > 0 && double.IsFinite(run.Losses[0]) && run.Losses[0] > 0).Select(run => run.Losses[0]).ToList();
        if (drawn.Count == 0 || starts.Count == 0)
        {
            return chart;
        }

        var ceiling = starts.Max() * CeilingFactor;
        if (drawn.Max() <= ceiling)
        {
            return chart;
        }

        // A log axis's range is given in powers of ten.
        var floor = drawn.Min() / 2;
        return chart.WithYAxisStyle<double, double, string>(MinMax: Tuple.Create(Math.Log10(floor), Math.Log10(ceiling)));
    }
}
