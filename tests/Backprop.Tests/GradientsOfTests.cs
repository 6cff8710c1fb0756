using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

public class GradientsOfTests
{
    private static (Network Network, Matrix<double> X, Matrix<double> Y) Original()
    {
        var random = new NumPyRandom(0);
        var network = Network.Create([3, 2, 2, 1], random);
        return (network, random.Rand(10, 3), random.Rand(10, 1));
    }

    [Fact]
    public void Packed_copies_of_the_backward_pass_pass_the_gradient_check_and_update_like_it()
    {
        var (network, x, y) = Original();
        var own = network.Backward(network.Forward(x), y);

        var manual = Gradients.Of(network, [.. own.Weights], [.. own.Biases]);

        Assert.All(GradientCheck.Run(network, x, y, gradients: manual).Entries, e => Assert.True(e.RelativeError < 1e-7, e.ToString()));
        var byHand = network.Clone();
        byHand.Update(manual, 0.01);
        network.Update(own, 0.01);
        Assert.Equal(network.Weights, byHand.Weights);
        Assert.Equal(network.Biases, byHand.Biases);
    }

    [Fact]
    public void The_gradients_are_copied_so_later_changes_to_the_originals_do_not_leak_in()
    {
        var (network, x, y) = Original();
        var own = network.Backward(network.Forward(x), y);
        var dW3 = own.Weights[2].Clone();

        var manual = Gradients.Of(network, [own.Weights[0], own.Weights[1], dW3], [.. own.Biases]);
        dW3[0, 0] = 99;

        Assert.Equal(own.Weights[2], manual.Weights[2]);
    }

    [Fact]
    public void A_planted_bug_is_caught_by_the_gradient_check_in_the_layer_it_touches()
    {
        var (network, x, y) = Original();
        var own = network.Backward(network.Forward(x), y);

        var buggy = Gradients.Of(network, [own.Weights[0], own.Weights[1], own.Weights[2] * 2], [.. own.Biases]);

        var wrong = GradientCheck.Run(network, x, y, gradients: buggy).Entries.Where(e => e.RelativeError > 1e-2).Select(e => e.Parameter);
        Assert.Equal(["W3[0,0]", "W3[1,0]"], wrong);
    }

    [Fact]
    public void A_gradient_with_the_wrong_shape_is_refused_with_its_name()
    {
        var (network, x, y) = Original();
        var own = network.Backward(network.Forward(x), y);

        var error = Assert.Throws<InvalidInputException>(() =>
            Gradients.Of(network, [own.Weights[0], own.Weights[1].Transpose().SubMatrix(0, 1, 0, 2), own.Weights[2]], [.. own.Biases]));

        Assert.StartsWith("dL_dW2 is 1×2 but W2 is 2×2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bias_gradient_of_the_wrong_length_is_refused_with_its_name()
    {
        var (network, x, y) = Original();
        var own = network.Backward(network.Forward(x), y);

        var error = Assert.Throws<InvalidInputException>(() =>
            Gradients.Of(network, [.. own.Weights], [own.Biases[0], own.Biases[1], Vector<double>.Build.Dense(2)]));

        Assert.StartsWith("dL_db3 has 2 values but b3 has 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_layer_is_refused()
    {
        var (network, x, y) = Original();
        var own = network.Backward(network.Forward(x), y);

        var error = Assert.Throws<InvalidInputException>(() =>
            Gradients.Of(network, [own.Weights[0], own.Weights[1]], [.. own.Biases]));

        Assert.Contains("3 layers but there are 2 weight gradients and 3 bias gradients", error.Message, StringComparison.Ordinal);
    }
}
