using System.Globalization;
using System.Xml.Linq;
using Backprop.Pictures;

namespace Backprop.Charts.Tests.Pictures;

public class ValueGraphPictureTests
{
    // L = relu(a * b + c) + relu(a - c), with a = 2, b = -3, c = 10: the first ReLU is on (4), the second off (-8).
    // Gradients by hand: dL/d(first relu) = dL/d(second relu) = 1; the second is off, so it passes 0 back;
    // dL/da = b = -3, dL/db = a = 2, dL/dc = 1.
    private static (Node L, Node[] All) Example()
    {
        Node a = new(2, "a", -3), b = new(-3, "b", 2), c = new(10, "c", 1);
        var product = new Node(-6, "", 1, "*", a, b);
        var sum = new Node(4, "", 1, "+", product, c);
        var on = new Node(4, "", 1, "relu", sum);
        var difference = new Node(-8, "", 0, "-", a, c);
        var off = new Node(0, "", 1, "relu", difference);
        var loss = new Node(4, "L", 1, "+", on, off);
        return (loss, [a, b, c, product, sum, on, difference, off, loss]);
    }

    [Fact]
    public void Every_number_is_drawn_once_with_its_name_value_and_gradient()
    {
        var (loss, all) = Example();

        var boxes = Boxes(ValueGraphPicture.Draw(loss, "Example"));

        Assert.Equal(all.Length, boxes.Count);
        var expected = all.Select(n => (Name(n), PictureStyle.Number(n.Data), PictureStyle.Number(n.Grad))).Order().ToList();
        var drawn = boxes.Select(box => ((string)box.Attribute("data-label")!, (string)box.Attribute("data-data")!, (string)box.Attribute("data-grad")!)).Order().ToList();
        Assert.Equal(expected, drawn);
        Assert.All(boxes, box => Assert.Contains($"grad {(string)box.Attribute("data-grad")!}", box.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Exactly_the_relus_whose_output_is_0_are_grey()
    {
        var (loss, _) = Example();

        var grey = Boxes(ValueGraphPicture.Draw(loss)).Where(box => (string?)box.Attribute("data-off") == "true").ToList();

        var box = Assert.Single(grey);
        Assert.Equal("relu", (string?)box.Attribute("data-label"));
        Assert.Equal("0", (string?)box.Attribute("data-data"));
        Assert.True(ValueGraphPicture.IsOff(new Node(0, "", 0, "relu")));
        Assert.False(ValueGraphPicture.IsOff(new Node(0, "", 0, "+")));
    }

    [Fact]
    public void Inputs_stand_above_the_numbers_made_from_them_and_each_operation_has_its_circle()
    {
        var (loss, all) = Example();
        var svg = XDocument.Parse(ValueGraphPicture.Draw(loss, "Example").Content);

        var top = Boxes(svg).ToDictionary(box => ((string)box.Attribute("data-label")!, (string)box.Attribute("data-data")!), Top);
        foreach (var node in all)
        {
            foreach (var input in node.Inputs.Cast<Node>())
            {
                Assert.True(top[Key(input)] < top[Key(node)], $"{Name(input)} should stand above {Name(node)}");
            }
        }

        Assert.Equal(all.Count(n => n.Operation.Length > 0), svg.Descendants(SvgCanvas.Ns + "circle").Count());
        Assert.Equal("Example", svg.Root!.Element(SvgCanvas.Ns + "title")!.Value);
    }

    private static List<XElement> Boxes(Svg picture) => Boxes(XDocument.Parse(picture.Content));

    private static List<XElement> Boxes(XDocument svg) =>
        svg.Descendants(SvgCanvas.Ns + "g").Where(g => g.Attribute("data-label") is not null).ToList();

    private static double Top(XElement box) =>
        double.Parse((string)box.Element(SvgCanvas.Ns + "rect")!.Attribute("y")!, CultureInfo.InvariantCulture);

    private static (string, string) Key(Node node) => (Name(node), PictureStyle.Number(node.Data));

    private static string Name(Node node) => node.Label.Length > 0 ? node.Label : node.Operation;

    private sealed class Node(double data, string label, double grad, string operation = "", params Node[] inputs) : IGraphValue
    {
        public double Data => data;

        public double Grad => grad;

        public string Label => label;

        public string Operation => operation;

        public IEnumerable<IGraphValue> Inputs => inputs;
    }
}
