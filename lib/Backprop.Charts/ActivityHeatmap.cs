using System.Globalization;
using Microsoft.FSharp.Core;
using Chart = Plotly.NET.CSharp.Chart;

namespace Backprop.Charts;

/// <summary>
/// Which hidden ReLU units fire for which sample, as heatmaps: one per hidden layer, samples down, units across,
/// green where the unit is active (<c>z &gt; 0</c>) and grey where it outputs 0. A column that is grey from top to
/// bottom is a dead unit: it fires for no sample, so it passes back no gradient and never learns again.
/// </summary>
/// <remarks>
/// Give several snapshots (before training, after training, after training with another learning rate) and they
/// stack as rows, one row per snapshot and one column per hidden layer, so the eye can run down a column.
/// </remarks>
public static class ActivityHeatmap
{
    // Green where a unit fires (z > 0), grey where it outputs 0.
    private static readonly Color Active = Color.fromHex("#2da44e"), Inactive = Color.fromHex("#d0d7de");

    private const int TopMargin = 110, BottomMargin = 50, RowGap = 90;

    /// <summary>One snapshot: a heatmap per hidden layer.</summary>
    /// <param name="activeUnits">Per hidden layer, samples × units, true where the unit fired, as <c>ReluActivity.ActiveUnits</c> gives it.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Create(IReadOnlyList<bool[,]> activeUnits, string title = "Active ReLU units") =>
        Create([(string.Empty, activeUnits)], title);

    /// <summary>Several snapshots of the same network, one row each: for example before and after training.</summary>
    /// <param name="snapshots">Each with a label (<c>Before training</c>) and its active units per hidden layer.</param>
    /// <param name="title">The chart's title.</param>
    public static GenericChart Create(IEnumerable<(string Label, IReadOnlyList<bool[,]> ActiveUnits)> snapshots, string title = "Active ReLU units")
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var rows = snapshots.ToList();
        if (rows.Count == 0 || rows[0].ActiveUnits.Count == 0)
        {
            throw new ArgumentException("Give at least one snapshot of a network with a hidden layer.", nameof(snapshots));
        }

        var layers = rows[0].ActiveUnits.Count;
        if (rows.Any(row => row.ActiveUnits.Count != layers))
        {
            throw new ArgumentException("Every snapshot must have the same number of hidden layers.", nameof(snapshots));
        }

        var maps = rows.SelectMany(row => row.ActiveUnits.Select(Heatmap)).ToList();
        var titles = rows.SelectMany(row => row.ActiveUnits.Select((active, layer) => SubplotTitle(row.Label, layer, active)));
        var samples = rows.Max(row => row.ActiveUnits.Max(active => active.GetLength(0)));
        var height = TopMargin + BottomMargin + (rows.Count * PanelHeight(samples)) + ((rows.Count - 1) * RowGap);
        return Chart.Grid(maps, nRows: rows.Count, nCols: layers, SubPlotTitles: titles.ToArray(), YGap: 0.3)
            .WithTitle(title)
            .WithMargins(top: TopMargin, bottom: BottomMargin)
            .WithSize(Width: ChartStyle.Width, Height: height);
    }

    /// <summary>Pixels for one row of heatmaps: 28 per sample for a few samples, at most 400 for many.</summary>
    private static int PanelHeight(int samples) => Math.Clamp(samples * 28, 120, 400);

    private static string SubplotTitle(string label, int layer, bool[,] active)
    {
        var units = active.GetLength(1);
        var dead = ReluActivity.DeadUnitsOf(active).Count;
        var layerText = string.Create(CultureInfo.InvariantCulture, $"layer {layer + 1}: {units} units, {dead} dead");
        return label.Length == 0 ? char.ToUpperInvariant(layerText[0]) + layerText[1..] : $"{label}, {layerText}";
    }

    private static GenericChart Heatmap(bool[,] active)
    {
        int samples = active.GetLength(0), units = active.GetLength(1);
        var z = Enumerable.Range(0, samples)
            .Select(sample => Enumerable.Range(0, units).Select(unit => active[sample, unit] ? 1 : 0).ToArray())
            .ToArray();
        var colors = new[]
        {
            Tuple.Create(0.0, Inactive),
            Tuple.Create(0.5, Inactive),
            Tuple.Create(0.5, Active),
            Tuple.Create(1.0, Active),
        };
        var chart = Chart.Heatmap<int, string, int, string>(
            z,
            X: Enumerable.Range(0, units).Select(unit => unit.ToString(CultureInfo.InvariantCulture)).ToArray(),  // categories: one tick per unit
            Y: Enumerable.Range(0, samples).ToArray(),
            XGap: 2,
            YGap: samples <= 40 ? 2 : 0,
            ColorScale: StyleParam.Colorscale.NewCustom(colors),
            ShowScale: false,
            ReverseYAxis: true);
        return GenericChart.mapTrace(
                FuncConvert.FromFunc<Trace, Trace>(trace =>
                {
                    // Fix the colour range, so a layer whose units are all on (or all off) keeps the same colours.
                    trace.SetProperty("zmin", 0);
                    trace.SetProperty("zmax", 1);
                    trace.SetProperty("hovertemplate", "sample %{y}, unit %{x}: %{z} (1 = active, 0 = off)<extra></extra>");
                    return trace;
                }),
                chart)
            .WithXAxisStyle<int, int, string>(TitleText: "Hidden unit")
            .WithYAxisStyle<int, int, string>(TitleText: "Sample");
    }
}
