using System.Xml.Linq;

namespace Backprop.Pictures;

/// <summary>
/// One number in a scalar computation graph, as a lesson's own autograd builds it: its value, its gradient, the
/// operation that made it and the numbers it was made from. Implement it on the lesson's <c>Value</c> type and
/// <see cref="ValueGraphPicture"/> can draw the graph.
/// </summary>
public interface IGraphValue
{
    /// <summary>The number computed in the forward pass.</summary>
    double Data { get; }

    /// <summary>dL/d(this number), filled in by the backward pass.</summary>
    double Grad { get; }

    /// <summary>A name to show, such as <c>W1[0,0]</c>; empty for an unnamed intermediate.</summary>
    string Label { get; }

    /// <summary>The operation that made it (<c>+</c>, <c>*</c>, <c>relu</c>, …); empty for an input or a parameter.</summary>
    string Operation { get; }

    /// <summary>The numbers the operation took; empty for an input or a parameter.</summary>
    IEnumerable<IGraphValue> Inputs { get; }
}

/// <summary>
/// A scalar computation graph drawn as micrograd draws it: one box per number with its name, its value (green) and
/// its gradient (red), the operation that made it in a circle just above it, and a wire from each input. Inputs and
/// parameters stand at the top, the output at the bottom, so that even a whole small network fits the width of a
/// notebook. A ReLU whose output is 0 (its unit is off) is grey: it passes no gradient back.
/// </summary>
public static class ValueGraphPicture
{
    private const double BoxWidth = 94, BoxHeight = 50, Across = 104, LevelGap = 92, Margin = 20, TitleHeight = 40, OperationRadius = 12;

    /// <summary>The graph that computed <paramref name="output"/>, with every number's value and gradient.</summary>
    /// <param name="output">The last number computed, usually the loss.</param>
    /// <param name="title">The picture's title.</param>
    public static Svg Draw(IGraphValue output, string title = "The computation graph")
    {
        ArgumentNullException.ThrowIfNull(output);
        var nodes = InOrder(output);
        var level = Levels(nodes);
        var across = Positions(nodes, level);

        var width = Math.Max((Margin * 2) + across.Values.Max() + BoxWidth, (title.Length * 9) + (Margin * 2));
        var height = TitleHeight + (OperationRadius * 3) + (level.Values.Max() * LevelGap) + BoxHeight + Margin;
        var canvas = new SvgCanvas(width, height, title);
        canvas.Add(SvgCanvas.Text(Margin, 24, title, PictureStyle.Ink, PictureStyle.TitleSize, anchor: "start"));

        (double X, double Y) BoxAt(IGraphValue node) =>
            (Margin + across[node], TitleHeight + (OperationRadius * 3) + (level[node] * LevelGap));

        foreach (var node in nodes.Where(node => node.Operation.Length > 0))
        {
            var (x, y) = BoxAt(node);
            var (cx, cy) = (x + (BoxWidth / 2), y - (OperationRadius * 1.6));
            foreach (var input in node.Inputs.Distinct())
            {
                var (ix, iy) = BoxAt(input);
                canvas.Add(SvgCanvas.Line(ix + (BoxWidth / 2), iy + BoxHeight, cx, cy - OperationRadius, PictureStyle.OffStroke, 1));
            }

            canvas.Add(SvgCanvas.Line(cx, cy + OperationRadius, cx, y, PictureStyle.NodeStroke, 1.5));
            canvas.Add(SvgCanvas.Circle(cx, cy, OperationRadius, "white", PictureStyle.NodeStroke));
            canvas.Add(SvgCanvas.Text(cx, cy + 4, node.Operation, PictureStyle.Ink, node.Operation.Length > 2 ? 8 : PictureStyle.SmallText));
        }

        foreach (var node in nodes)
        {
            var (x, y) = BoxAt(node);
            canvas.Add(Box(node, x, y));
        }

        return canvas.ToSvg();
    }

    /// <summary>Whether the picture greys <paramref name="node"/> out: a ReLU whose output is 0.</summary>
    public static bool IsOff(IGraphValue node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Operation == "relu" && node.Data == 0;
    }

    // One box: name (or operation), value, gradient; named with data-* attributes so that tests can read it back.
    private static XElement Box(IGraphValue node, double x, double y)
    {
        var off = IsOff(node);
        var fill = off ? PictureStyle.OffFill : node.Operation.Length == 0 ? PictureStyle.InputFill : PictureStyle.HiddenFill;
        var name = node.Label.Length > 0 ? node.Label : node.Operation.Length > 0 ? node.Operation : "constant";
        var (data, grad) = (PictureStyle.Number(node.Data), PictureStyle.Number(node.Grad));
        var group = SvgCanvas.Element("g", ("data-label", name), ("data-data", data), ("data-grad", grad), ("data-off", off ? "true" : "false"));
        group.Add(SvgCanvas.Box(x, y, BoxWidth, BoxHeight, fill, off ? PictureStyle.OffStroke : PictureStyle.NodeStroke));
        group.Add(SvgCanvas.Text(x + (BoxWidth / 2), y + 15, name, off ? PictureStyle.OffText : PictureStyle.Ink, PictureStyle.SmallText));
        group.Add(SvgCanvas.Text(x + (BoxWidth / 2), y + 31, $"data {data}", off ? PictureStyle.OffText : PictureStyle.Forward, PictureStyle.SmallText));
        group.Add(SvgCanvas.Text(x + (BoxWidth / 2), y + 46, $"grad {grad}", off ? PictureStyle.OffText : PictureStyle.Gradient, PictureStyle.SmallText));
        return group;
    }

    // Every number the output depends on, each once, inputs before the numbers made from them.
    private static List<IGraphValue> InOrder(IGraphValue output)
    {
        var order = new List<IGraphValue>();
        var seen = new HashSet<IGraphValue>(ReferenceEqualityComparer.Instance);
        void Visit(IGraphValue node)
        {
            if (!seen.Add(node))
            {
                return;
            }

            foreach (var input in node.Inputs)
            {
                Visit(input);
            }

            order.Add(node);
        }

        Visit(output);
        return order;
    }

    // An operation stands one level below its lowest input; an input or parameter stands just above its first use,
    // so that its wire is short.
    private static Dictionary<IGraphValue, int> Levels(List<IGraphValue> nodes)
    {
        var level = new Dictionary<IGraphValue, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            level[node] = node.Operation.Length == 0 ? 0 : 1 + node.Inputs.Select(input => level[input]).DefaultIfEmpty(-1).Max();
        }

        foreach (var leaf in nodes.Where(node => node.Operation.Length == 0))
        {
            var uses = nodes.Where(node => node.Inputs.Contains(leaf, ReferenceEqualityComparer.Instance)).Select(node => level[node]).ToList();
            if (uses.Count > 0)
            {
                level[leaf] = uses.Min() - 1;
            }
        }

        return level;
    }

    // Places across each level, from the output upwards: each number as near as it can be to the average place of the
    // numbers it feeds, boxes on one level at least a box apart.
    private static Dictionary<IGraphValue, double> Positions(List<IGraphValue> nodes, Dictionary<IGraphValue, int> level)
    {
        var place = new Dictionary<IGraphValue, double>(ReferenceEqualityComparer.Instance);
        foreach (var group in nodes.GroupBy(node => level[node]).OrderByDescending(group => group.Key))
        {
            var wanted = group.Select((node, index) =>
            {
                var uses = nodes.Where(user => place.ContainsKey(user) && user.Inputs.Contains(node, ReferenceEqualityComparer.Instance)).Select(user => place[user]).ToList();
                return (Node: node, X: uses.Count > 0 ? uses.Average() : index * Across);
            }).OrderBy(entry => entry.X).ToList();
            var previous = double.NegativeInfinity;
            var placed = new List<double>();
            foreach (var (_, x) in wanted)
            {
                previous = Math.Max(x, previous + Across);
                placed.Add(previous);
            }

            // Pushing boxes apart moves them one way only: centre the level on where its boxes wanted to be.
            var shift = wanted.Average(entry => entry.X) - placed.Average();
            for (var i = 0; i < wanted.Count; i++)
            {
                place[wanted[i].Node] = placed[i] + shift;
            }
        }

        var left = place.Values.Min();
        foreach (var node in nodes)
        {
            place[node] -= left;
        }

        return place;
    }
}
