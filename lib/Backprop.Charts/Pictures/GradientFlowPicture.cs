using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Pictures;

/// <summary>
/// Where the gradient flows, over the whole batch: each edge as wide as its <c>|dL_dW|</c> (one scale for the whole
/// network, so a layer whose gradients vanish draws hairlines) and labelled with <c>dL_dW</c>, each unit with its
/// <c>dL_db</c> and how many samples it fires for (an edge that carries no gradient at all is thin, grey and unlabelled), each layer's <c>‖dL_dW‖</c> under its edges. Dead units (z ≤ 0 for
/// every sample) are grey and marked "dead": no gradient passes through them.
/// </summary>
public static class GradientFlowPicture
{
    /// <summary>The gradients of <see cref="Network.Backward"/> on X and y, drawn on the network.</summary>
    /// <param name="network">Any small network (a few units per layer).</param>
    /// <param name="X">The inputs (all samples).</param>
    /// <param name="y">The targets.</param>
    /// <param name="title">The title; by default "Gradient flow over N samples".</param>
    /// <exception cref="Backprop.InvalidInputException">X or y does not fit the network.</exception>
    public static Svg Draw(Network network, Matrix<double> X, Matrix<double> y, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var forward = network.Forward(X);
        var gradients = network.Backward(forward, y);
        var active = ReluActivity.ActiveUnits(forward);
        var dead = ReluActivity.DeadUnits(forward).ToHashSet();
        var largest = gradients.Weights.Max(dW => dW.Enumerate().Max(Math.Abs));
        title ??= $"Gradient flow over {X.RowCount} samples: edge width = |dL_dW|";

        var diagram = new NetworkDiagram(network.LayerSizes);
        var canvas = new SvgCanvas(diagram.Width, diagram.Height, title);
        canvas.Add(diagram.Title(title));
        canvas.Add(diagram.Legend("on: samples the unit fires for · dead (grey): fires for none, so no gradient passes through it"));
        for (var layer = 0; layer <= network.LayerCount; layer++)
        {
            canvas.Add(diagram.ColumnTitle(layer, PictureData.ColumnTitle(layer, network.LayerCount)));
        }

        var labels = new List<System.Xml.Linq.XElement>();
        for (var i = 0; i < network.LayerCount; i++)
        {
            var dW = gradients.Weights[i];
            for (var from = 0; from < dW.RowCount; from++)
            {
                for (var to = 0; to < dW.ColumnCount; to++)
                {
                    var (g, name) = (dW[from, to], $"dL_dW{i + 1}[{from},{to}]");
                    var flows = g != 0;
                    canvas.Add(diagram.Edge(i, from, to, name, flows ? PictureStyle.Gradient : PictureStyle.OffStroke, PictureStyle.EdgeWidth(g, largest), flows ? 0.75 : 0.5));
                    if (flows)
                    {
                        labels.Add(diagram.EdgeLabel(i, from, to, name, PictureStyle.Number(g), PictureStyle.Ink));
                    }
                }
            }

            var norm = NetworkDiagram.Group("norm", $"‖dL_dW{i + 1}‖",
                SvgCanvas.Text((diagram.Centre(i, 0).X + diagram.Centre(i + 1, 0).X) / 2, diagram.Height - 46, $"‖dL_dW{i + 1}‖ = ", PictureStyle.Ink));
            norm.Elements().Single().Add(NetworkDiagram.Named(SvgCanvas.Span(PictureStyle.Number(dW.FrobeniusNorm()), PictureStyle.Gradient), $"‖dL_dW{i + 1}‖"));
            canvas.Add(norm);
        }

        labels.ForEach(label => canvas.Add(label));
        for (var unit = 0; unit < network.LayerSizes[0]; unit++)
        {
            canvas.Add(diagram.Unit(0, unit, PictureStyle.InputFill, off: false, [new UnitLine("", $"x[{unit}]", $"x[{unit}]", PictureStyle.Ink)], []));
        }

        for (var i = 0; i < network.LayerCount; i++)
        {
            for (var unit = 0; unit < network.LayerSizes[i + 1]; unit++)
            {
                var output = i == network.LayerCount - 1;
                var isDead = dead.Contains((i, unit));
                var on = output ? X.RowCount : Enumerable.Range(0, X.RowCount).Count(sample => active[i][sample, unit]);
                var inside = output
                    ? new[] { new UnitLine("", "ŷ", $"y_pred[{unit}]", PictureStyle.Ink) }
                    : [new UnitLine("on", $"{on}/{X.RowCount}", $"on{i + 1}[{unit}]", isDead ? PictureStyle.OffText : PictureStyle.Ink)];
                var below = new List<UnitLine> { new("dL_db", PictureStyle.Number(gradients.Biases[i][unit]), $"dL_db{i + 1}[{unit}]", PictureStyle.Gradient) };
                if (isDead)
                {
                    below.Add(new UnitLine("✕", "dead", $"dead{i + 1}[{unit}]", PictureStyle.OffText));
                }

                canvas.Add(diagram.Unit(i + 1, unit, output ? PictureStyle.OutputFill : PictureStyle.HiddenFill, isDead, inside, below));
            }
        }

        return canvas.ToSvg();
    }
}
