namespace Backprop.Tests;

/// <summary>One forward and backward pass of the original network against every intermediate NumPy computed.</summary>
public class OneStepTests
{
    private const double Tolerance = 1e-13;
    private static readonly System.Text.Json.JsonElement Fixture = NumPyFixtures.Load("one_step.json");

    [Fact]
    public void The_forward_pass_keeps_every_z_and_a()
    {
        var (network, input, _) = Setup();
        var forward = network.Forward(input);

        var z = Fixture.GetProperty("z").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        var a = Fixture.GetProperty("a").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray(); // a0 = X, a1, a2, y_pred
        Assert.Equal(z.Length, forward.PreActivations.Count);
        Assert.Equal(a[0], forward.Input);
        for (var i = 0; i < z.Length; i++)
        {
            Close.Equal(z[i], forward.PreActivations[i], Tolerance, $"z{i + 1}");
            Close.Equal(a[i + 1], forward.Activations[i], Tolerance, $"a{i + 1}");
        }

        Assert.Same(forward.Activations[^1], forward.Prediction);
        Assert.Equal((10, 1), (forward.Prediction.RowCount, forward.Prediction.ColumnCount));
    }

    [Fact]
    public void The_loss_and_its_derivative_match()
    {
        var (network, input, target) = Setup();
        var prediction = network.Predict(input);

        Close.Equal(Fixture.GetProperty("loss").GetDouble(), Loss.Mse(target, prediction), Tolerance, "loss");
        Close.Equal(NumPyFixtures.Matrix(Fixture.GetProperty("dL_dy")), Loss.MseDerivative(target, prediction), Tolerance, "dL_dy");
    }

    [Fact]
    public void The_backward_pass_returns_every_gradient()
    {
        var (network, input, target) = Setup();
        var gradients = network.Backward(network.Forward(input), target);

        var dW = Fixture.GetProperty("dW").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        var db = Fixture.GetProperty("db").EnumerateArray().Select(NumPyFixtures.Vector).ToArray();
        for (var i = 0; i < dW.Length; i++)
        {
            Close.Equal(dW[i], gradients.Weights[i], Tolerance, $"dL_dW{i + 1}");
            Close.Equal(db[i], gradients.Biases[i], Tolerance, $"dL_db{i + 1}");
        }
    }

    [Fact]
    public void The_update_moves_every_parameter_against_its_gradient()
    {
        var (network, input, target) = Setup();
        var loss = Trainer.Train(network, input, target, epochs: 1, Fixture.GetProperty("lr").GetDouble())[0];

        Close.Equal(Fixture.GetProperty("loss").GetDouble(), loss, Tolerance, "loss before the update");
        var weights = Fixture.GetProperty("weights_after").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        var biases = Fixture.GetProperty("biases_after").EnumerateArray().Select(NumPyFixtures.Vector).ToArray();
        for (var i = 0; i < weights.Length; i++)
        {
            Close.Equal(weights[i], network.Weights[i], Tolerance, $"W{i + 1} after");
            Close.Equal(biases[i], network.Biases[i], Tolerance, $"b{i + 1} after");
        }
    }

    private static (Network Network, MathNet.Numerics.LinearAlgebra.Matrix<double> Input, MathNet.Numerics.LinearAlgebra.Matrix<double> Target) Setup()
    {
        var (network, x, y) = RandomProblem.Draw(NumPyFixtures.Integers(Fixture.GetProperty("layers")), samples: 10, Fixture.GetProperty("seed").GetInt64());
        return (network, x, y);
    }
}
