using System.Xml.Linq;
using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Pictures;

/// <summary>
/// One training step as a computational graph, one row per layer, as CS231n draws its circuits:
/// <c>X → ·W1 → +b1 → relu → a1</c>, …, <c>a2 → ·W3 → +b3 → y_pred → mse → L</c>. Every wire carries its name and
/// shape, its forward value for one sample (green, above) and its gradient <c>dL/d·</c> (red, below); the
/// parameters, in boxes above their nodes, carry their whole value and their full-batch gradient <c>dL_dW</c>.
/// Entries of units that are off for the sample (z ≤ 0) are grey.
/// </summary>
public static class ComputationGraphPicture
{
    // The left margin, the first row's top, the height of a line of numbers and a node's radius, in pixels.
    private const double Start = 60, Top = 84, LineHeight = 16, NodeRadius = 20;

    /// <summary>The shortest wire between two nodes, in pixels; wider layers get longer wires, as their rows of numbers are longer.</summary>
    private const double ShortestSegment = 220;

    /// <summary>Room for one number in a row such as <c>[1.76, 0.400]</c>, in pixels.</summary>
    private const double NumberWidth = 62;

    /// <summary>The graph of one step on X and y, with the values of row <paramref name="sample"/>.</summary>
    /// <param name="network">Any small network (a few units per layer).</param>
    /// <param name="X">The inputs (all samples: the loss and the parameters' gradients are over the whole batch).</param>
    /// <param name="y">The targets.</param>
    /// <param name="sample">The row whose values the wires show, from 0.</param>
    /// <param name="title">The title; by default "One training step, sample 0".</param>
    /// <exception cref="Backprop.InvalidInputException">X or y does not fit the network, or the sample is not a row of X.</exception>
    public static Svg Draw(Network network, Matrix<double> X, Matrix<double> y, int sample = 0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var forward = network.Forward(X);
        var gradients = network.Backward(forward, y);
        var trace = BackwardTrace.Of(network, forward, y);
        PictureData.RequireSample(X, sample);
        title ??= $"One training step, sample {sample}: forward values above the wires, gradients dL/d· below";

        var segment = Math.Max(ShortestSegment, (network.LayerSizes.Max() * NumberWidth) + 60);
        var rows = new List<XElement>();
        var rowTop = Top;
        for (var i = 0; i < network.LayerCount; i++)
        {
            var (row, height) = Row(network, X, y, forward, gradients, trace, sample, i, rowTop, segment);
            rows.Add(row);
            rowTop += height;
        }

        var canvas = new SvgCanvas(Start + (4 * segment) + 70, rowTop, title);
        canvas.Add(SvgCanvas.Text(24, 36, title, PictureStyle.Ink, PictureStyle.TitleSize, "start"));
        var legend = SvgCanvas.Text(24, 60, "", PictureStyle.Muted, PictureStyle.SmallText, "start");
        legend.Add(SvgCanvas.Span("green: forward value of sample " + sample, PictureStyle.Forward), SvgCanvas.Span(" · "), SvgCanvas.Span("red: gradient dL/d·", PictureStyle.Gradient),
            SvgCanvas.Span(" · "), SvgCanvas.Span("grey: a unit that is off (z ≤ 0)", PictureStyle.OffStroke), SvgCanvas.Span(" · boxes: whole parameter and full-batch gradient"));
        canvas.Add(legend);
        rows.ForEach(row => canvas.Add(row));
        return canvas.ToSvg();
    }

    /// <summary>Layer <paramref name="i"/>'s row: a_prev → ·W → +b → relu → a (or, for the last layer, → mse → L).</summary>
    private static (XElement Row, double Height) Row(
        Network network, Matrix<double> X, Matrix<double> y, ForwardPass forward, Gradients gradients, BackwardTrace trace, int sample, int i, double top, double segment)
    {
        var output = i == network.LayerCount - 1;
        var (k, W, b) = (i + 1, network.Weights[i], network.Biases[i]);
        var boxHeight = ((2 * W.RowCount) + 2) * LineHeight + 14;
        var wireY = top + boxHeight + 64;
        var x = Enumerable.Range(0, 5).Select(n => Start + (n * segment)).ToArray();
        var input = forward.InputOf(i);
        var z = forward.PreActivations[i];
        var off = output ? null : Enumerable.Range(0, z.ColumnCount).Select(unit => z[sample, unit] <= 0).ToArray();
        var offBefore = i == 0 ? null : Enumerable.Range(0, input.ColumnCount).Select(unit => forward.PreActivations[i - 1][sample, unit] <= 0).ToArray();
        var previous = i == 0 ? "X" : $"a{i}";

        var row = NetworkDiagram.Group("layer", $"layer {k}");
        var (boxBottom, nodeTop) = (top + boxHeight, wireY - NodeRadius);
        row.Add(Parameter($"W{k}", $"W{k}  {Shape(W)}", W, gradients.Weights[i], x[1], boxBottom, nodeTop));
        row.Add(Parameter($"b{k}", $"b{k}  ({b.Count})", b.ToRowMatrix(), gradients.Biases[i].ToRowMatrix(), x[2], boxBottom, nodeTop));
        if (output)
        {
            row.Add(Parameter("y", $"y  {Shape(y)}, row {sample}", y.SubMatrix(sample, 1, 0, y.ColumnCount), null, x[3], boxBottom, nodeTop));
        }

        row.Add(Terminal(x[0], wireY, previous));
        row.Add(Operation(x[1], wireY, "·", "multiply"));
        row.Add(Operation(x[2], wireY, "+", "add"));
        row.Add(output ? Operation(x[3], wireY, "mse", "loss") : Operation(x[3], wireY, "relu", "relu"));
        row.Add(Terminal(x[4], wireY, output ? "L" : $"a{k}"));

        var product = input * W;
        row.Add(Wire(x[0], x[1], wireY, previous, Shape(input), Row(input, sample), i == 0 ? null : Row(trace.dL_da[i - 1], sample), offBefore));
        row.Add(Wire(x[1], x[2], wireY, $"{previous}·W{k}", Shape(product), Row(product, sample), Row(trace.dL_dz[i], sample), off));
        row.Add(Wire(x[2], x[3], wireY, output ? "y_pred" : $"z{k}", Shape(z), Row(z, sample), Row(trace.dL_dz[i], sample), off));
        row.Add(output
            ? Wire(x[3], x[4], wireY, "L", "1×1", [Loss.Mse(y, forward.Prediction)], [1.0], null)
            : Wire(x[3], x[4], wireY, $"a{k}", Shape(forward.Activations[i]), Row(forward.Activations[i], sample), Row(trace.dL_da[i], sample), off));
        return (row, boxHeight + 150);
    }

    /// <summary>
    /// A parameter (or the target) in a box whose bottom is at <paramref name="bottom"/>: its name and shape, value and
    /// gradient, wired down to its node's top.
    /// </summary>
    private static XElement Parameter(string name, string heading, Matrix<double> value, Matrix<double>? gradient, double x, double bottom, double nodeTop)
    {
        var lines = value.RowCount + (gradient is null ? 0 : gradient.RowCount + 1);
        var height = ((lines + 1) * LineHeight) + 14;
        var width = Math.Max(96, (value.ColumnCount * NumberWidth) + 24);
        var top = bottom - height;
        var group = NetworkDiagram.Group("parameter", name,
            SvgCanvas.Box(x - (width / 2), top, width, height, "#f9fafb", PictureStyle.OffStroke),
            SvgCanvas.Line(x, bottom, x, nodeTop, PictureStyle.Muted, 1.5));
        var line = top + 20;
        group.Add(SvgCanvas.Text(x, line, heading, PictureStyle.Ink, PictureStyle.SmallText));
        for (var r = 0; r < value.RowCount; r++)
        {
            group.Add(Numbers(x, line += LineHeight, Row(value, r), "value", PictureStyle.Forward, null, r));
        }

        if (gradient is not null)
        {
            group.Add(SvgCanvas.Text(x, line += LineHeight, $"dL_d{name}", PictureStyle.Gradient, PictureStyle.SmallText));
            for (var r = 0; r < gradient.RowCount; r++)
            {
                group.Add(Numbers(x, line += LineHeight, Row(gradient, r), "gradient", PictureStyle.Gradient, null, r));
            }
        }

        return group;
    }

    /// <summary>A wire from one node to the next: its name and shape, the sample's value above, its gradient below.</summary>
    private static XElement Wire(double from, double to, double y, string name, string shape, double[] value, double[]? gradient, bool[]? off)
    {
        var (start, end) = (from + 26, to - 26);
        var middle = (start + end) / 2;
        var group = NetworkDiagram.Group("wire", name,
            SvgCanvas.Line(start, y, end - 6, y, PictureStyle.NodeStroke, 1.5),
            SvgCanvas.Element("polygon", ("points", $"{Fixed(end)},{Fixed(y)} {Fixed(end - 9)},{Fixed(y - 4.5)} {Fixed(end - 9)},{Fixed(y + 4.5)}"), ("fill", PictureStyle.NodeStroke)));
        group.SetAttributeValue("data-shape", shape);
        var heading = SvgCanvas.Text(middle, y - 30, "", PictureStyle.Ink, PictureStyle.SmallText);
        heading.Add(SvgCanvas.Span(name + "  "), SvgCanvas.Span(shape, PictureStyle.Muted));
        group.Add(heading, Numbers(middle, y - 10, value, "value", PictureStyle.Forward, off, null));
        if (gradient is not null)
        {
            group.Add(Numbers(middle, y + 22, gradient, "gradient", PictureStyle.Gradient, off, null));
        }

        return group;
    }

    /// <summary>"[1.76, 0.400]": one tspan per entry, each marked with its index and whether its unit is off.</summary>
    private static XElement Numbers(double x, double y, double[] values, string role, string colour, bool[]? off, int? row)
    {
        var text = SvgCanvas.Label(x, y, colour, PictureStyle.SmallText);
        text.SetAttributeValue("data-role", role);
        if (row is not null)
        {
            text.SetAttributeValue("data-row", row.Value);
        }

        text.Add(SvgCanvas.Span(values.Length > 1 ? "[" : ""));
        for (var j = 0; j < values.Length; j++)
        {
            var isOff = off?[j] == true;
            var entry = SvgCanvas.Span(PictureStyle.Number(values[j]), isOff ? PictureStyle.OffText : null);
            entry.SetAttributeValue("data-index", j);
            entry.SetAttributeValue("data-off", isOff ? "true" : "false");
            text.Add(entry, SvgCanvas.Span(j < values.Length - 1 ? ", " : values.Length > 1 ? "]" : ""));
        }

        return text;
    }

    private static XElement Operation(double x, double y, string symbol, string name)
    {
        var width = symbol.Length > 1 ? 52.0 : 2 * NodeRadius;
        var group = NetworkDiagram.Group("node", name,
            SvgCanvas.Box(x - (width / 2), y - NodeRadius, width, 2 * NodeRadius, "white", PictureStyle.NodeStroke));
        group.Elements().First().SetAttributeValue("rx", NodeRadius);
        group.Add(SvgCanvas.Text(x, y + (symbol.Length > 1 ? 4.5 : 7), symbol, PictureStyle.Ink, symbol.Length > 1 ? PictureStyle.TextSize : 22));
        return group;
    }

    private static XElement Terminal(double x, double y, string name) =>
        NetworkDiagram.Group("terminal", name,
            SvgCanvas.Box(x - 24, y - 16, 48, 32, PictureStyle.InputFill, PictureStyle.NodeStroke),
            SvgCanvas.Text(x, y + 5, name, PictureStyle.Ink));

    private static double[] Row(Matrix<double> m, int row) => m.Row(row).ToArray();

    private static string Shape(Matrix<double> m) => PictureStyle.Shape(m.RowCount, m.ColumnCount);

    private static string Fixed(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
