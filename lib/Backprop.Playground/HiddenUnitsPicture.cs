using System.Globalization;

namespace Backprop.Playground;

/// <summary>
/// What each hidden unit outputs. For 1-D data, one small curve per unit over the input range (a ReLU unit is 0 where
/// it is off and bends where it switches); otherwise, a heatmap per layer with a row per sample and a column per unit,
/// darker for a larger output and grey where the unit is off.
/// </summary>
public static class HiddenUnitsPicture
{
    /// <summary>Points on each unit's small curve (it is 86 pixels wide).</summary>
    public const int CurvePoints = 61;

    /// <summary>The picture for <paramref name="network"/> on <paramref name="data"/>, as SVG text.</summary>
    public static string Draw(Network network, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var hidden = network.LayerSizes.Skip(1).Take(network.LayerCount - 1).ToArray();
        if (hidden.Length == 0)
        {
            var none = new SvgPlot(300, 40, "No hidden layer: the network is linear", "No hidden units");
            return none.ToSvg();
        }

        return data.Function is not null ? Curves(network, hidden) : Heatmaps(network, data, hidden);
    }

    private static string Curves(Network network, int[] hidden)
    {
        const double cell = 86, curveHeight = 48, gap = 10, rowHeight = curveHeight + 34;
        var grid = FunctionPicture.Grid(CurvePoints);
        var forward = network.Forward(grid);
        var width = 70 + (hidden.Max() * (cell + gap));
        var plot = new SvgPlot(Math.Max(width, 320), 26 + (hidden.Length * rowHeight), "Each hidden unit's output a over x, −3 to 3", "Each hidden unit's output over the input range");
        for (var layer = 0; layer < hidden.Length; layer++)
        {
            var a = forward.Activations[layer];
            var top = 30 + (layer * rowHeight);
            plot.Text(6, top + (curveHeight / 2), $"layer {layer + 1}", SvgPlot.Muted, "start");
            for (var unit = 0; unit < hidden[layer]; unit++)
            {
                var left = 64 + (unit * (cell + gap));
                var values = a.Column(unit).ToArray();
                var largest = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
                var dead = values.All(value => !(value > 0));
                plot.Box(left, top, cell, curveHeight, dead ? "#f3f4f6" : "#f9fafb", $"unit {layer + 1},{unit}");
                plot.Polyline(values.Select((value, i) => (
                    SvgPlot.Scale(i, 0, values.Length - 1, left, left + cell),
                    SvgPlot.Scale(double.IsFinite(value) ? value : 0, 0, largest > 0 ? largest : 1, top + curveHeight - 3, top + 3))),
                    dead ? SvgPlot.Off : "#15803d", 1.6, $"a{layer + 1}[{unit}]");
                plot.Text(left + (cell / 2), top + curveHeight + 12, $"unit {unit}", SvgPlot.Muted, "middle", 10);
                plot.Text(left + (cell / 2), top + curveHeight + 24, dead ? "off everywhere" : $"max {SvgPlot.Label(largest)}", dead ? SvgPlot.Off : SvgPlot.Muted, "middle", 10);
            }
        }

        return plot.ToSvg();
    }

    private static string Heatmaps(Network network, TrainingData data, int[] hidden)
    {
        // Sized to be read in the page's picture panel (about 400 pixels wide): the units share the width, the samples
        // up to 240 pixels of height; a row or a column gets its number while there is room to write it.
        const double width = 400, left = 34, top = 56, layerGap = 22;
        var forward = network.Forward(data.X);
        var samples = data.X.RowCount;
        var cellWidth = Math.Clamp((width - left - 10 - (layerGap * (hidden.Length - 1))) / hidden.Sum(), 4, 80);
        var cellHeight = Math.Clamp(240.0 / samples, 0.5, 24);
        var plot = new SvgPlot(Math.Max(width, left + 10 + (hidden.Sum() * cellWidth) + (layerGap * (hidden.Length - 1))), top + (samples * cellHeight) + 8,
            "Each hidden unit's output a on every sample", "Each hidden unit's output on every sample");
        plot.Text(8, 29, "rows: samples · columns: units · darker: larger a · grey: off", SvgPlot.Muted, "start", 10);
        var sampleEvery = (int)Math.Ceiling(11 / cellHeight);
        for (var n = 0; n < samples; n += sampleEvery)
        {
            plot.Text(left - 4, top + ((n + 0.5) * cellHeight) + 3.5, n.ToString(CultureInfo.InvariantCulture), SvgPlot.Muted, "end", 9);
        }

        var x = left;
        for (var layer = 0; layer < hidden.Length; layer++)
        {
            var a = forward.Activations[layer];
            plot.Text(x, top - 16, $"layer {layer + 1}", SvgPlot.Muted, "start", 10);
            for (var unit = 0; unit < hidden[layer]; unit++)
            {
                var column = x + (unit * cellWidth);
                if (cellWidth >= 12)
                {
                    plot.Text(column + (cellWidth / 2), top - 4, unit.ToString(CultureInfo.InvariantCulture), SvgPlot.Muted, "middle", 9);
                }

                var largest = a.Column(unit).Where(double.IsFinite).DefaultIfEmpty(0).Max();
                for (var n = 0; n < samples; n++)
                {
                    var value = a[n, unit];
                    var fill = !(value > 0) ? "#e5e7eb" : Green(largest > 0 ? value / largest : 0);
                    plot.Box(column, top + (n * cellHeight), cellWidth - 1, Math.Max(cellHeight - (cellHeight >= 4 ? 1 : 0.3), 0.5), fill);
                }
            }

            x += (hidden[layer] * cellWidth) + layerGap;
        }

        return plot.ToSvg();
    }

    /// <summary>Light to dark green as <paramref name="share"/> of the unit's largest output goes from 0 to 1.</summary>
    private static string Green(double share)
    {
        var t = Math.Clamp(share, 0, 1);
        int Mix(int light, int dark) => (int)Math.Round(light + ((dark - light) * t));
        return $"#{Mix(0xd1, 0x06):x2}{Mix(0xfa, 0x5f):x2}{Mix(0xe5, 0x46):x2}";
    }
}
