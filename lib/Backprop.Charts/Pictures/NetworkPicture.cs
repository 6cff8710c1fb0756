using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Pictures;

/// <summary>
/// The network for one sample: every unit with its value (x, then z and a, then y_pred), every edge drawn by its
/// weight's sign (blue +, orange −) and size (width) and labelled with its value, every bias under its unit.
/// Hidden units that are off for this sample (z ≤ 0) are grey, and so are the edges leaving them.
/// </summary>
public static class NetworkPicture
{
    /// <summary>The network on row <paramref name="sample"/> of <paramref name="X"/>.</summary>
    /// <param name="network">Any small network (a few units per layer).</param>
    /// <param name="X">The inputs; the picture shows one row.</param>
    /// <param name="sample">Which row of X, from 0.</param>
    /// <param name="y">Optional targets: the picture writes the sample's y under the output.</param>
    /// <param name="title">The title; by default "The network on sample 0".</param>
    /// <exception cref="Backprop.InvalidInputException">X or y does not fit the network, or the sample is not a row of X.</exception>
    public static Svg Draw(Network network, Matrix<double> X, int sample = 0, Matrix<double>? y = null, string? title = null)
    {
        var diagram = new NetworkDiagram(network.LayerSizes);
        var canvas = new SvgCanvas(diagram.Width, diagram.Height, title ?? $"The network on sample {sample}");
        canvas.Add(Panel(diagram, network, X, sample, y, LargestWeight(network), title ?? $"The network on sample {sample}"));
        return canvas.ToSvg();
    }

    private static System.Xml.Linq.XElement Panel(
        NetworkDiagram diagram, Network network, Matrix<double> X, int sample, Matrix<double>? y, double largestWeight, string title)
    {
        ArgumentNullException.ThrowIfNull(network);
        var forward = network.Forward(X);
        PictureData.RequireSample(X, sample);
        if (y is not null)
        {
            network.LossOn(X, y);  // checks y's shape
        }

        var panel = NetworkDiagram.Group("panel", "network", diagram.Title(title),
            diagram.Legend($"blue: weight > 0 · orange: weight < 0 · width: |weight| · grey: unit off (z ≤ 0) on sample {sample}"));
        var layers = network.LayerCount;
        for (var layer = 0; layer <= layers; layer++)
        {
            panel.Add(diagram.ColumnTitle(layer, PictureData.ColumnTitle(layer, layers)));
        }

        var labels = new List<System.Xml.Linq.XElement>();
        for (var i = 0; i < layers; i++)
        {
            var W = network.Weights[i];
            for (var from = 0; from < W.RowCount; from++)
            {
                var sourceOff = i > 0 && forward.PreActivations[i - 1][sample, from] <= 0;
                for (var to = 0; to < W.ColumnCount; to++)
                {
                    var (w, weight) = (W[from, to], $"W{i + 1}[{from},{to}]");
                    panel.Add(diagram.Edge(i, from, to, weight, PictureStyle.SignColour(w), PictureStyle.EdgeWidth(w, largestWeight), sourceOff ? 0.25 : 0.85));
                    labels.Add(diagram.EdgeLabel(i, from, to, weight, PictureStyle.Number(w), sourceOff ? PictureStyle.OffText : PictureStyle.Ink));
                }
            }
        }

        panel.Add(labels);

        for (var unit = 0; unit < network.LayerSizes[0]; unit++)
        {
            panel.Add(diagram.Unit(0, unit, PictureStyle.InputFill, off: false,
                [new UnitLine("x", PictureStyle.Number(X[sample, unit]), $"x[{unit}]", PictureStyle.Ink)], []));
        }

        for (var i = 0; i < layers; i++)
        {
            var z = forward.PreActivations[i];
            var output = i == layers - 1;
            for (var unit = 0; unit < z.ColumnCount; unit++)
            {
                var zValue = z[sample, unit];
                var inside = output
                    ? new[] { new UnitLine("ŷ", PictureStyle.Number(zValue), $"y_pred[{unit}]", PictureStyle.Ink) }
                    : [new UnitLine("z", PictureStyle.Number(zValue), $"z{i + 1}[{unit}]", PictureStyle.Ink),
                       new UnitLine("a", PictureStyle.Number(forward.Activations[i][sample, unit]), $"a{i + 1}[{unit}]", PictureStyle.Ink)];
                var below = new List<UnitLine> { new("b", PictureStyle.Number(network.Biases[i][unit]), $"b{i + 1}[{unit}]", PictureStyle.Ink) };
                if (output && y is not null)
                {
                    below.Add(new UnitLine("y", PictureStyle.Number(y[sample, unit]), $"y[{unit}]", PictureStyle.Muted));
                }

                panel.Add(diagram.Unit(i + 1, unit, output ? PictureStyle.OutputFill : PictureStyle.HiddenFill, off: !output && zValue <= 0, inside, below));
            }
        }

        return panel;
    }

    private static double LargestWeight(Network network) => network.Weights.Max(W => W.Enumerate().Max(Math.Abs));
}
