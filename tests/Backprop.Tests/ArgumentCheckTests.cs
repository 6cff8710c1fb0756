using Backprop.Files;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>Bad arguments to the library's public entries: a clear exception naming the argument, never a NullReferenceException or a silent NaN.</summary>
public class ArgumentCheckTests
{
    private static readonly RandomProblem Original = RandomProblem.Original();

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void One_epoch_checks_the_learning_rate_and_leaves_the_weights_alone(double learningRate)
    {
        var network = Original.Network.Clone();

        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(network, Original.X, Original.Y, epochs: 1, learningRate));

        Assert.Contains("it must be a finite number above 0", error.Message);
        Assert.Equal(Original.Network.Weights[0], network.Weights[0]);
    }

    [Fact]
    public void Null_parameters_and_entries_are_named()
    {
        var w = Matrix<double>.Build.Dense(3, 1);
        var b = Vector<double>.Build.Dense(1);

        Assert.Equal("weights", Assert.Throws<ArgumentNullException>(() => new Network(null!, null!)).ParamName);
        Assert.Equal("biases", Assert.Throws<ArgumentNullException>(() => new Network([w], null!)).ParamName);
        Assert.StartsWith("W1 is missing (null)", Assert.Throws<InvalidInputException>(() => new Network([null!], [null!])).Message, StringComparison.Ordinal);
        Assert.StartsWith("b1 is missing (null)", Assert.Throws<InvalidInputException>(() => new Network([w], [null!])).Message, StringComparison.Ordinal);
        Assert.StartsWith("dL_dW1 is missing", Assert.Throws<InvalidInputException>(() => Gradients.Of(new Network([w], [b]), [null!], [b])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Loss.Mse(null!, w));
        Assert.Throws<ArgumentNullException>(() => Activation.Relu(null!));
        Assert.Throws<ArgumentNullException>(() => Activation.ReluDerivative(null!));
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => ReluActivity.HiddenUnitCount(null!)).ParamName);
        Assert.Equal("layerSizes", Assert.Throws<ArgumentNullException>(() => Network.Create(null!, new NumPyRandom(0))).ParamName);
    }

    [Fact]
    public void An_undefined_initialization_is_refused_not_taken_as_randn()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Network.Create([3, 2, 1], new NumPyRandom(0), (Initialization)7));
    }

    [Fact]
    public void The_loss_of_empty_matrices_is_refused_not_NaN()
    {
        var empty = Matrix<double>.Build.Dense(0, 1);

        Assert.Throws<InvalidInputException>(() => Loss.Mse(empty, empty));
    }

    [Fact]
    public void Update_refuses_gradients_shaped_for_another_network()
    {
        var other = RandomProblem.Draw([3, 4, 2, 1], samples: 10);
        var gradients = other.Network.Backward(other.Network.Forward(other.X), other.Y);

        var error = Assert.Throws<InvalidInputException>(() => Original.Network.Clone().Update(gradients, 0.01));

        Assert.Contains("a gradient has the shape of its parameter", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(1e308)]
    public void The_gradient_check_refuses_a_step_that_cannot_measure_a_slope(double step)
    {
        var error = Assert.Throws<InvalidInputException>(() => GradientCheck.Run(Original.Network, Original.X, Original.Y, step));

        Assert.Contains("use a number from 1e-10 to 0.1", error.Message);
    }

    [Fact]
    public void The_gradient_check_refuses_a_network_too_large_to_check()
    {
        var large = RandomProblem.Draw([3, 2000, 1], samples: 2);

        Assert.Throws<InvalidInputException>(() => GradientCheck.Run(large.Network, large.X, large.Y));
    }

    [Fact]
    public void Feature_scaling_refuses_mismatched_columns_and_lengths()
    {
        var scaling = Standardization.Fit(Matrix<double>.Build.Dense(2, 3, 1.0));

        var invert = Assert.Throws<InvalidInputException>(() => scaling.Invert(Matrix<double>.Build.Dense(2, 4)));
        Assert.Contains("4 columns but the scaling was fitted on 3", invert.Message);
        var lengths = Assert.Throws<InvalidInputException>(() => new Standardization(Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(2, 1.0)));
        Assert.Contains("3 means but 2 standard deviations", lengths.Message);
    }

    [Fact]
    public void Feature_scaling_refuses_NaN_data()
    {
        var data = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 }, { double.NaN } });

        var error = Assert.Throws<InvalidInputException>(() => Standardization.Fit(data));

        Assert.Contains("NaN at row 2, column 1", error.Message);
    }

    [Fact]
    public void Feature_scaling_of_values_near_1e300_does_not_overflow()
    {
        var data = Matrix<double>.Build.DenseOfArray(new[,] { { 1e300, 1.0 }, { -1e300, 3.0 } });

        var scaling = Standardization.Fit(data);
        var scaled = scaling.Apply(data);

        Assert.Equal(new[] { 0.0, 2.0 }, scaling.Means.ToArray());
        Assert.Equal(1e300, scaling.StandardDeviations[0], 1e285);
        Assert.Equal(new[] { 1.0, -1.0 }, scaled.Column(0).ToArray());
        Assert.Equal(new[] { -1.0, 1.0 }, scaled.Column(1).ToArray());
        Close.Equal(data, scaling.Invert(scaled), 1e-15, "round trip");
    }

    /// <summary>Issue 9: the library and the console program state one rule, each in its own frame.</summary>
    [Fact]
    public void The_library_and_the_console_program_state_the_same_rules()
    {
        static string CliError(params string[] args) => Cli.CliRun.Of(args).Stderr.Trim();

        Assert.Equal("The learning rate is 0: it must be a finite number above 0, for example 0.01.", Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Network.Clone(), Original.X, Original.Y, 1, 0.0)).Message);
        Assert.Equal("error: --lr is 0: the learning rate must be a finite number above 0, for example 0.01.", CliError("--lr", "0"));
        Assert.Equal("The number of epochs is -5: it must be 0 or more.", Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Network.Clone(), Original.X, Original.Y, -5, 0.01)).Message);
        Assert.Equal("error: --epochs is -5: it must be 0 or more.", CliError("--epochs", "-5"));
        Assert.Equal("The seed 4294967296 is not a valid seed: use a whole number from 0 to 4294967295, as NumPy's np.random.seed requires.", Assert.Throws<InvalidInputException>(() => new NumPyRandom(4294967296)).Message);
        Assert.Equal("error: --seed '4294967296' is not a valid seed: use a whole number from 0 to 4294967295.", CliError("--seed", "4294967296"));
        Assert.Equal("The layer list 3,0,1: layer 2 has 0 units; every layer needs at least 1.", Assert.Throws<InvalidInputException>(() => Network.Create([3, 0, 1], new NumPyRandom(0))).Message);
        Assert.Equal("error: --layers '3,0,1': layer 2 has 0 units; every layer needs at least 1.", CliError("--layers", "3,0,1"));
        Assert.Equal("The number of samples is 0: it must be 1 or more.", Assert.Throws<InvalidInputException>(() => RandomProblem.Draw([3, 1], samples: 0)).Message);
        Assert.Equal("error: --samples is 0: it must be 1 or more.", CliError("--samples", "0"));
        Assert.Contains("layers 3 has fewer than two layers", Assert.Throws<InvalidInputException>(() => ModelFile.Read(new MemoryStream("{\"layers\":[3],\"weights\":[],\"biases\":[]}"u8.ToArray()))).Message);
    }
}
