using MathNet.Numerics.LinearAlgebra;
using Chart = Plotly.NET.CSharp.Chart;

namespace Backprop.Charts;

/// <summary>
/// Predictions against targets: one dot per sample (target across, prediction up) and the line
/// <c>prediction = target</c>. A perfect model puts every dot on the line; the vertical distance from a dot to the
/// line is that sample's error.
/// </summary>
public static class PredictionChart
{
    /// <summary>The name of the dots in the legend.</summary>
    public const string SamplesName = "samples";

    /// <summary>The name of the diagonal in the legend.</summary>
    public const string PerfectName = "perfect: prediction = target";

    private const int Size = 620;

    /// <summary>Dots of <paramref name="predictions"/> against <paramref name="targets"/>, with the diagonal.</summary>
    /// <param name="targets">The true values, one per sample.</param>
    /// <param name="predictions">The model's values, one per sample, in the same order.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="quantity">What the values are, for the axis titles: <c>Target (bikes hired)</c>.</param>
    public static GenericChart Create(IReadOnlyList<double> targets, IReadOnlyList<double> predictions, string title = "Predictions against targets", string quantity = "y")
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(predictions);
        if (targets.Count != predictions.Count || targets.Count == 0)
        {
            throw new ArgumentException(
                $"There are {targets.Count} targets and {predictions.Count} predictions: give one prediction per target, at least one.", nameof(predictions));
        }

        var values = targets.Concat(predictions).Where(double.IsFinite).ToList();
        var low = values.Count == 0 ? 0 : values.Min();
        var high = values.Count == 0 ? 1 : values.Max();
        var pad = high > low ? (high - low) * 0.05 : 1;
        (low, high) = (low - pad, high + pad);

        var dots = Chart.Point<double, double, string>(targets, predictions, Name: SamplesName);
        var diagonal = Chart.Line<double, double, string>(
            [low, high], [low, high], Name: PerfectName, LineColor: Color.fromHex("#57606a"), LineDash: StyleParam.DrawingStyle.Dash);
        return Chart.Combine([dots, diagonal])
            .WithTitle(title)
            .WithXAxisStyle<double, double, string>(TitleText: $"Target ({quantity})", MinMax: Tuple.Create(low, high))
            .WithYAxisStyle<double, double, string>(TitleText: $"Prediction ({quantity})", MinMax: Tuple.Create(low, high))
            .WithSize(Width: Size + 160, Height: Size);
    }

    /// <summary>The same, from one-column matrices as the network gives them (<c>y</c> and <c>network.Predict(X)</c>).</summary>
    /// <param name="targets">y: one row per sample, one column.</param>
    /// <param name="predictions">The predictions: one row per sample, one column.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="quantity">What the values are, for the axis titles.</param>
    public static GenericChart Create(Matrix<double> targets, Matrix<double> predictions, string title = "Predictions against targets", string quantity = "y")
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(predictions);
        if (targets.ColumnCount != 1 || predictions.ColumnCount != 1)
        {
            throw new ArgumentException(
                $"The targets have {targets.ColumnCount} columns and the predictions {predictions.ColumnCount}: this chart shows one output, one column each.", nameof(predictions));
        }

        return Create(targets.Column(0).ToArray(), predictions.Column(0).ToArray(), title, quantity);
    }
}
