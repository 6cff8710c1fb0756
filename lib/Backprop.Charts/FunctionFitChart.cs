using MathNet.Numerics.LinearAlgebra;
using Chart = Plotly.NET.CSharp.Chart;

namespace Backprop.Charts;

/// <summary>
/// The function a network with one input and one output has learned, drawn as a curve over its input, with the
/// training points and every ReLU kink marked on the curve.
/// </summary>
/// <remarks>
/// A ReLU network is piecewise linear: between two inputs where no hidden unit switches on or off, every unit is
/// either off or passes its input on unchanged, so the prediction is a straight line there. The kinks are the inputs
/// where some unit's pre-activation <c>z</c> crosses 0. A dead unit crosses nowhere, so it adds no kink: the fewer
/// live units, the fewer pieces the curve can bend at.
/// </remarks>
public static class FunctionFitChart
{
    /// <summary>The legend name of the training points.</summary>
    public const string DataName = "training data";

    /// <summary>How many evenly spaced inputs each curve is drawn through (the kinks are added to them).</summary>
    public const int CurvePoints = 301;

    // One colour per curve, used for its line and its kink markers alike.
    private static readonly string[] Palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#57606a"];

    /// <summary>How far the y axis reaches beyond the targets, as a fraction of their range on each side.</summary>
    public const double Headroom = 0.5;

    /// <summary>
    /// The training points, then for each network its prediction curve over the inputs' range and a marker on
    /// each kink. Each curve's legend says how many kinks it has. The y axis shows the targets with
    /// <see cref="Headroom"/> above and below, so that an untrained network's wild curve cannot squash the data flat.
    /// </summary>
    /// <param name="x">The training inputs: one row per sample, one column.</param>
    /// <param name="y">The training targets: one row per sample, one column.</param>
    /// <param name="curves">The networks to draw (1 input, 1 output), each with its legend name, for example <c>epoch 100</c>.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Create(Matrix<double> x, Matrix<double> y, IEnumerable<(string Name, Network Network)> curves, string title = "The learned function")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(curves);
        if (x.ColumnCount != 1 || y.ColumnCount != 1 || x.RowCount != y.RowCount || x.RowCount < 2)
        {
            throw new ArgumentException(
                $"x is {x.RowCount}×{x.ColumnCount} and y {y.RowCount}×{y.ColumnCount}: give one column each, the same rows, at least 2.", nameof(y));
        }

        double from = x.Column(0).Minimum(), to = x.Column(0).Maximum();
        var traces = new List<GenericChart> { Chart.Point<double, double, string>(x.Column(0), y.Column(0), Name: DataName, MarkerColor: Color.fromHex("#24292f")) };
        var index = 0;
        foreach (var (name, network) in curves)
        {
            RequireOneInOneOut(network, name);
            var color = Color.fromHex(Palette[index++ % Palette.Length]);
            var kinks = Kinks(network, from, to).Select(kink => kink.X).ToArray();
            var inputs = Enumerable.Range(0, CurvePoints).Select(i => from + ((to - from) * i / (CurvePoints - 1))).Concat(kinks).Order().ToArray();
            traces.Add(Chart.Line<double, double, string>(inputs, PredictAt(network, inputs), Name: $"{name} ({kinks.Length} kinks)", LineColor: color));
            traces.Add(Chart.Point<double, double, string>(
                kinks, PredictAt(network, kinks), Name: $"{name}: kinks", ShowLegend: false,
                MarkerColor: color, MarkerSymbol: StyleParam.MarkerSymbol.Diamond));
        }

        double low = y.Column(0).Minimum(), high = y.Column(0).Maximum();
        var headroom = high > low ? (high - low) * Headroom : 1;
        return Chart.Combine(traces)
            .WithTitle(title)
            .WithXAxisStyle<double, double, string>(TitleText: "Input x")
            .WithYAxisStyle<double, double, string>(TitleText: "Prediction and target y", MinMax: Tuple.Create(low - headroom, high + headroom))
            .WithSize(Width: ChartStyle.Width, Height: ChartStyle.Height);
    }

    /// <summary>
    /// Every input in [<paramref name="from"/>, <paramref name="to"/>] where a hidden unit's pre-activation crosses 0,
    /// with the unit's layer and number (both 0-based), sorted by input.
    /// </summary>
    /// <remarks>
    /// Between two neighbouring kinks of layers 1 … k−1, no earlier unit switches, so layer k's pre-activations are
    /// straight lines there: each crossing is found exactly from the values at the two ends of the piece.
    /// </remarks>
    /// <param name="network">A network with one input.</param>
    /// <param name="from">The smallest input looked at.</param>
    /// <param name="to">The largest input looked at.</param>
    public static IReadOnlyList<(double X, int Layer, int Unit)> Kinks(Network network, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.LayerSizes[0] != 1)
        {
            throw new ArgumentException($"The network has {network.LayerSizes[0]} inputs: kinks are found along one input only.", nameof(network));
        }

        if (!(from < to))
        {
            throw new ArgumentException($"The range {from} to {to} is empty: give from < to.", nameof(to));
        }

        var kinks = new List<(double X, int Layer, int Unit)>();
        for (var layer = 0; layer < network.LayerCount - 1; layer++)
        {
            var ends = kinks.Select(kink => kink.X).Append(from).Append(to).Distinct().Order().ToArray();
            var z = network.Forward(Column(ends)).PreActivations[layer];
            for (var piece = 0; piece + 1 < ends.Length; piece++)
            {
                for (var unit = 0; unit < z.ColumnCount; unit++)
                {
                    double zLeft = z[piece, unit], zRight = z[piece + 1, unit];
                    if ((zLeft > 0) != (zRight > 0))
                    {
                        var crossing = ends[piece] + ((ends[piece + 1] - ends[piece]) * zLeft / (zLeft - zRight));
                        kinks.Add((crossing, layer, unit));
                    }
                }
            }
        }

        return kinks.OrderBy(kink => kink.X).ToArray();
    }

    private static double[] PredictAt(Network network, double[] inputs) =>
        inputs.Length == 0 ? [] : network.Predict(Column(inputs)).Column(0).ToArray();

    private static Matrix<double> Column(double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

    private static void RequireOneInOneOut(Network network, string name)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.LayerSizes[0] != 1 || network.LayerSizes[^1] != 1)
        {
            throw new ArgumentException(
                $"The network '{name}' is {string.Join("-", network.LayerSizes)}: this chart draws networks with one input and one output.", nameof(network));
        }
    }
}
