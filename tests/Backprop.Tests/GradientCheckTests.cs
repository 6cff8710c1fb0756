using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

public class GradientCheckTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 25));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Backprop_agrees_with_finite_differences_on_random_networks(int seed)
    {
        // A random architecture from the seed: 1 to 3 hidden layers of 1 to 6 units, 1 to 3 outputs.
        var shape = new Random(seed);
        var layers = new List<int> { shape.Next(1, 5) };
        layers.AddRange(Enumerable.Range(0, shape.Next(1, 4)).Select(_ => shape.Next(1, 7)));
        layers.Add(shape.Next(1, 4));
        var random = new NumPyRandom((uint)seed);
        var network = Network.Create(layers, random, seed % 2 == 0 ? Initialization.Randn : Initialization.He);
        var input = random.Randn(shape.Next(2, 12), layers[0]);
        var target = random.Rand(input.RowCount, layers[^1]);

        // Away from kinks the loss is quadratic in any single parameter, so a central difference is exact but
        // for rounding: about 1e-16 · L / h. With h = 1e-4 that stays under 1e-7 of any gradient above 1e-4 · L,
        // and only those are judged (smaller ones are rounding noise, not evidence either way).
        var loss = network.LossOn(input, target);
        var entries = GradientCheck.Run(network, input, target, step: 1e-4).Entries;

        Assert.Equal(network.Weights.Sum(w => w.RowCount * w.ColumnCount) + network.Biases.Sum(b => b.Count), entries.Count);
        var judged = entries.Where(e => !e.CrossesKink && Math.Max(Math.Abs(e.Backprop), Math.Abs(e.Numerical)) > 1e-4 * Math.Max(loss, 1)).ToList();
        Assert.NotEmpty(judged);
        Assert.All(judged, e => Assert.True(e.RelativeError < 1e-7, $"{e.Parameter} in {string.Join(',', layers)}: backprop {e.Backprop:R}, numerical {e.Numerical:R}, relative error {e.RelativeError:E2}"));
    }

    [Fact]
    public void Leaves_the_network_exactly_as_it_was()
    {
        var random = new NumPyRandom(0);
        var network = Network.Create([3, 2, 2, 1], random);
        var before = network.Clone();

        GradientCheck.Run(network, random.Rand(10, 3), random.Rand(10, 1));

        for (var i = 0; i < network.LayerCount; i++)
        {
            Assert.Equal(before.Weights[i], network.Weights[i]);
            Assert.Equal(before.Biases[i], network.Biases[i]);
        }
    }

    [Fact]
    public void Catches_a_planted_bug_in_a_gradient()
    {
        var random = new NumPyRandom(0);
        var network = Network.Create([3, 2, 2, 1], random);
        var input = random.Rand(10, 3);
        var target = random.Rand(10, 1);
        var correct = network.Backward(network.Forward(input), target);

        // The classic slip: forget the factor 2 of the MSE derivative in the last layer's weight gradient.
        var buggyW3 = correct.Weights[2] / 2;
        var buggy = new Gradients([correct.Weights[0], correct.Weights[1], buggyW3], correct.Biases);

        var entries = GradientCheck.Run(network, input, target, gradients: buggy).Entries;

        var w3 = entries.Where(e => e.Parameter.StartsWith("W3", StringComparison.Ordinal) && e.Backprop != 0).ToList();
        Assert.NotEmpty(w3);
        Assert.All(w3, e => Assert.InRange(e.RelativeError, 0.49, 0.51));
        Assert.All(entries.Where(e => !e.Parameter.StartsWith("W3", StringComparison.Ordinal) && !e.CrossesKink), e => Assert.True(e.RelativeError < 1e-7 || e.Backprop == 0));
    }

    [Fact]
    public void Flags_a_nudge_that_crosses_a_relu_kink()
    {
        // One hidden unit whose pre-activation is exactly 0 for the only sample: any nudge of b1 flips it.
        var network = new Network(
            [Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0 } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0 } })],
            [Vector<double>.Build.Dense([-1.0]), Vector<double>.Build.Dense([0.0])]);
        var input = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0 } });
        var target = Matrix<double>.Build.DenseOfArray(new double[,] { { 3.0 } });

        var b1 = GradientCheck.Run(network, input, target).Entries.Single(e => e.Parameter == "b1[0]");

        Assert.True(b1.CrossesKink);
        Assert.Equal(0.0, b1.Backprop); // relu'(0) is taken as 0, as in the original
        Assert.NotEqual(0.0, b1.Numerical);
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(1.0, 0.5, 0.5)]
    [InlineData(-2.0, 2.0, 2.0)]
    public void Relative_error_is_the_difference_over_the_larger_magnitude(double a, double b, double expected) =>
        Assert.Equal(expected, GradientCheckEntry.RelativeErrorOf(a, b));

    [Theory]
    [InlineData(0.5, 0.5, 0.0, false, GradientVerdict.Agrees)]
    [InlineData(1.0, 1.0 + 1e-8, 1e-8, false, GradientVerdict.Agrees)]
    [InlineData(1.0, 1.00001, 1e-5, false, GradientVerdict.Suspicious)]
    [InlineData(1.0, 2.0, 0.5, false, GradientVerdict.Wrong)]
    [InlineData(1.0, 2.0, 0.5, true, GradientVerdict.AtKink)]
    [InlineData(0.0, 3e-12, 1.0, false, GradientVerdict.Agrees)]
    [InlineData(0.0, 1e-6, 1.0, false, GradientVerdict.Wrong)]
    public void Judge_applies_the_thresholds(double backprop, double numerical, double relativeError, bool kink, GradientVerdict expected)
    {
        Close.Equal(relativeError, GradientCheckEntry.Judge("p", backprop, numerical, kink).RelativeError, 1e-4, "relative error");
        Assert.Equal(expected, GradientCheckEntry.Judge("p", backprop, numerical, kink).Verdict);
    }
}
