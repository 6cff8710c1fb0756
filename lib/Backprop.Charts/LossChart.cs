using Chart = Plotly.NET.CSharp.Chart;

namespace Backprop.Charts;

/// <summary>Line charts of the training loss per epoch, on a logarithmic loss axis.</summary>
/// <remarks>
/// The loss usually falls fast at first and slowly later; on a log axis both parts stay visible, and equal
/// vertical steps mean equal ratios (the loss halving looks the same at 0.1 and at 0.001).
/// </remarks>
public static class LossChart
{
    /// <summary>The y-axis title.</summary>
    public const string LossAxisTitle = "Loss (MSE, log scale)";

    /// <summary>The loss of one training run: epoch 0, 1, 2, … on x, the loss on a log y axis.</summary>
    /// <param name="losses">The loss of each epoch, as <c>Trainer.Train</c> returns it.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Create(IReadOnlyList<double> losses, string title = "Training loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(losses);
        return Style(Line(new LossSeries("loss", losses), showLegend: false), title);
    }

    /// <summary>
    /// Several runs on one chart, one curve each, for example one per learning rate. A run that stopped early
    /// (training diverged) is drawn up to its last finite loss; NaN and infinity end a curve, as they cannot be
    /// drawn.
    /// </summary>
    /// <param name="series">The runs, each with its legend name.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Compare(IEnumerable<LossSeries> series, string title = "Training loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(series);
        var lines = series.Select(run => Line(run, showLegend: true)).ToList();
        if (lines.Count == 0)
        {
            throw new ArgumentException("Give at least one series to compare.", nameof(series));
        }

        return Style(Chart.Combine(lines), title);
    }

    private static GenericChart Line(LossSeries run, bool showLegend)
    {
        var losses = run.Losses.TakeWhile(double.IsFinite).ToArray();
        var epochs = Enumerable.Range(0, losses.Length);
        return Chart.Line<int, double, string>(epochs, losses, Name: run.Name, ShowLegend: showLegend);
    }

    private static GenericChart Style(GenericChart chart, string title) =>
        chart
            .WithTitle(title)
            .WithXAxisStyle<int, int, string>(TitleText: ChartStyle.EpochAxisTitle)
            .WithYAxisStyle<double, double, string>(TitleText: LossAxisTitle, AxisType: StyleParam.AxisType.Log)
            .WithSize(Width: ChartStyle.Width, Height: ChartStyle.Height);
}
