using Backprop.Grading;
using Backprop.Pictures;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Charts.Tests.Pictures;

public class ComputationGraphPictureTests
{
    private static readonly RandomProblem Problem = RandomProblem.Original();

    [Fact]
    public void Every_parameter_shows_its_value_and_the_full_batch_gradient_of_Network_Backward()
    {
        var network = Problem.Network;
        var gradients = network.Backward(network.Forward(Problem.X), Problem.Y);

        var shown = Shown.Of(ComputationGraphPicture.Draw(network, Problem.X, Problem.Y, sample: 1));

        for (var i = 0; i < network.LayerCount; i++)
        {
            MatrixShown(shown, $"W{i + 1}", network.Weights[i], gradients.Weights[i]);
            MatrixShown(shown, $"b{i + 1}", network.Biases[i].ToRowMatrix(), gradients.Biases[i].ToRowMatrix());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void Every_wire_shows_the_samples_forward_value_and_its_gradient_with_its_shape(int sample)
    {
        var network = Problem.Network;
        var forward = network.Forward(Problem.X);
        var trace = BackwardTrace.Of(network, forward, Problem.Y);
        var (z, a) = (forward.PreActivations, forward.Activations);

        var shown = Shown.Of(ComputationGraphPicture.Draw(network, Problem.X, Problem.Y, sample));

        var wires = shown.Kind("wire").ToList();
        Assert.Equal(["X", "X·W1", "z1", "a1", "a1", "a1·W2", "z2", "a2", "a2", "a2·W3", "y_pred", "L"], wires.Select(w => (string)w.Attribute("data-name")!));
        Assert.Equal(["10×3", "10×2", "10×2", "10×2", "10×2", "10×2", "10×2", "10×2", "10×2", "10×1", "10×1", "1×1"], wires.Select(w => (string)w.Attribute("data-shape")!));
        RowShown(wires[0], Problem.X, null, sample);
        RowShown(wires[2], z[0], trace.dL_dz[0], sample);
        RowShown(wires[3], a[0], trace.dL_da[0], sample);
        RowShown(wires[4], a[0], trace.dL_da[0], sample);
        RowShown(wires[5], a[0] * network.Weights[1], trace.dL_dz[1], sample);
        RowShown(wires[6], z[1], trace.dL_dz[1], sample);
        RowShown(wires[7], a[1], trace.dL_da[1], sample);
        RowShown(wires[10], forward.Prediction, trace.dL_dy, sample);
        var loss = Matrix<double>.Build.Dense(1, 1, Loss.Mse(Problem.Y, forward.Prediction));
        RowShown(wires[11], loss, Matrix<double>.Build.Dense(1, 1, 1.0), 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_grey_entries_are_exactly_the_units_with_z_at_most_zero(int sample)
    {
        var z = Problem.Network.Forward(Problem.X).PreActivations;

        var shown = Shown.Of(ComputationGraphPicture.Draw(Problem.Network, Problem.X, Problem.Y, sample));

        foreach (var wire in shown.Kind("wire"))
        {
            var name = (string)wire.Attribute("data-name")!;
            foreach (var line in new[] { "value", "gradient" }.Where(role => wire.Elements().Any(e => (string?)e.Attribute("data-role") == role)))
            {
                var off = Shown.Entries(Shown.Line(wire, line)).Select(entry => (string)entry.Attribute("data-off")! == "true").ToArray();
                var expected = name switch
                {
                    "z1" or "a1" or "X·W1" => Enumerable.Range(0, 2).Select(j => z[0][sample, j] <= 0).ToArray(),
                    "z2" or "a2" or "a1·W2" => Enumerable.Range(0, 2).Select(j => z[1][sample, j] <= 0).ToArray(),
                    _ => new bool[off.Length],
                };
                Assert.Equal(expected, off);
            }
        }
    }

    private static void MatrixShown(Shown shown, string name, Matrix<double> value, Matrix<double> gradient)
    {
        var box = shown.Kind("parameter").Single(g => (string?)g.Attribute("data-name") == name);
        for (var r = 0; r < value.RowCount; r++)
        {
            NumbersShown(Shown.Line(box, "value", r), value.Row(r).ToArray(), $"{name}[{r}]");
            NumbersShown(Shown.Line(box, "gradient", r), gradient.Row(r).ToArray(), $"dL_d{name}[{r}]");
        }
    }

    private static void RowShown(System.Xml.Linq.XElement wire, Matrix<double> value, Matrix<double>? gradient, int sample)
    {
        var name = (string)wire.Attribute("data-name")!;
        NumbersShown(Shown.Line(wire, "value"), value.Row(sample).ToArray(), name);
        if (gradient is null)
        {
            Assert.DoesNotContain(wire.Elements(), e => (string?)e.Attribute("data-role") == "gradient");
        }
        else
        {
            NumbersShown(Shown.Line(wire, "gradient"), gradient.Row(sample).ToArray(), "dL_d" + name);
        }
    }

    private static void NumbersShown(System.Xml.Linq.XElement line, double[] expected, string what)
    {
        var entries = Shown.Entries(line);
        Assert.Equal(expected.Length, entries.Count);
        for (var j = 0; j < expected.Length; j++)
        {
            Shown.Agrees(expected[j], entries[j].Value, $"{what}[{j}]");
        }
    }
}
