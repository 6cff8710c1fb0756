using System.Globalization;
using Chart = Plotly.NET.CSharp.Chart;

namespace Backprop.Charts;

/// <summary>
/// How big each layer's weight gradient <c>‖∂L/∂W‖</c> was, epoch by epoch: one line per layer. It shows how fast
/// each layer is still learning, and when one stops: a layer whose gradient is exactly 0 gets no update at all.
/// </summary>
public static class GradientNormChart
{
    /// <summary>The y-axis title on a log axis.</summary>
    public const string LogAxisTitle = "Gradient norm ‖∂L/∂W‖ (log scale)";

    /// <summary>The y-axis title on a linear axis.</summary>
    public const string LinearAxisTitle = "Gradient norm ‖∂L/∂W‖";

    /// <summary>One line per layer: the norm of its weight gradient in each epoch.</summary>
    /// <param name="normsPerEpoch">For each epoch, each layer's norm, first layer first: <c>EpochDetails.WeightGradientNorms</c>, collected.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="logScale">
    /// <c>true</c> (the default): a log axis, where shrinking by 10 looks the same at any size. A norm of exactly 0
    /// cannot be drawn there (the line breaks); use <c>false</c>, a linear axis, to show a layer's gradient dropping to 0.
    /// </param>
    public static GenericChart Create(IReadOnlyList<IReadOnlyList<double>> normsPerEpoch, string title = "Gradient norm per layer", bool logScale = true)
    {
        ArgumentNullException.ThrowIfNull(normsPerEpoch);
        if (normsPerEpoch.Count == 0 || normsPerEpoch[0].Count == 0)
        {
            throw new ArgumentException("Give the norms of at least one epoch of a network with at least one layer.", nameof(normsPerEpoch));
        }

        var layers = normsPerEpoch[0].Count;
        if (normsPerEpoch.Any(norms => norms.Count != layers))
        {
            throw new ArgumentException($"Every epoch must give one norm per layer ({layers}).", nameof(normsPerEpoch));
        }

        var epochs = Enumerable.Range(0, normsPerEpoch.Count).ToArray();
        var lines = Enumerable.Range(0, layers).Select(layer => Chart.Line<int, double, string>(
            epochs,
            normsPerEpoch.Select(norms => norms[layer]).ToArray(),
            Name: string.Create(CultureInfo.InvariantCulture, $"layer {layer + 1}: ‖∂L/∂W{layer + 1}‖"),
            ShowLegend: true));
        return Chart.Combine(lines)
            .WithTitle(title)
            .WithXAxisStyle<int, int, string>(TitleText: ChartStyle.EpochAxisTitle)
            .WithYAxisStyle<double, double, string>(
                TitleText: logScale ? LogAxisTitle : LinearAxisTitle,
                AxisType: logScale ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithSize(Width: ChartStyle.Width, Height: ChartStyle.Height);
    }
}
