using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>Bad data is rejected before any arithmetic, in the user's terms.</summary>
public class DataChecksTests
{
    private static readonly Network Original = Network.Create([3, 2, 2, 1], new NumPyRandom(0));

    private static Matrix<double> Zeros(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns);

    [Fact]
    public void X_with_the_wrong_number_of_columns()
    {
        var error = Assert.Throws<InvalidInputException>(() => Original.Forward(Zeros(10, 4)));
        Assert.Equal("X has 4 columns but the first layer expects 3: give one column per input feature, or change the first layer size.", error.Message);
    }

    [Fact]
    public void X_and_y_with_different_row_counts()
    {
        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Clone(), Zeros(10, 3), Zeros(9, 1), 1, 0.01));
        Assert.Contains("X has 10 rows but y has 9", error.Message);
    }

    [Fact]
    public void Y_with_the_wrong_number_of_outputs()
    {
        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Clone(), Zeros(10, 3), Zeros(10, 2), 1, 0.01));
        Assert.Contains("y has 2 columns but the last layer has 1 outputs", error.Message);
    }

    [Fact]
    public void Empty_data()
    {
        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Clone(), Matrix<double>.Build.Dense(0, 3), Zeros(0, 1), 1, 0.01));
        Assert.Contains("X has no rows", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Non_finite_data_names_the_cell(double bad, string shown)
    {
        var x = Zeros(10, 3);
        x[4, 2] = bad;
        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Clone(), x, Zeros(10, 1), 1, 0.01));
        Assert.Contains($"X has {shown} at row 5, column 3", error.Message);

        var y = Zeros(10, 1);
        y[0, 0] = bad;
        error = Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Clone(), Zeros(10, 3), y, 1, 0.01));
        Assert.Contains($"y has {shown} at row 1, column 1", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_learning_rate_that_is_not_a_finite_positive_number(double learningRate)
    {
        var network = Original.Clone();
        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(network, Zeros(10, 3), Zeros(10, 1), 1, learningRate));
        Assert.Contains("it must be a finite number above 0", error.Message);
        Assert.Equal(Original.Weights[0], network.Weights[0]); // nothing ran
    }

    [Fact]
    public void Negative_epochs()
    {
        var error = Assert.Throws<InvalidInputException>(() => Trainer.Train(Original.Clone(), Zeros(10, 3), Zeros(10, 1), -1, 0.01));
        Assert.Contains("epochs is -1", error.Message);
    }

    [Theory]
    [InlineData(new[] { 3 }, "The layer list 3 has fewer than two layers: list inputs and outputs at least, for example 3,2,2,1.")]
    [InlineData(new[] { 3, 0, 1 }, "The layer list 3,0,1: layer 2 has 0 units; every layer needs at least 1.")]
    public void Invalid_layer_lists(int[] layers, string problem)
    {
        var error = Assert.Throws<InvalidInputException>(() => Network.Create(layers, new NumPyRandom(0)));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Weights_that_do_not_chain()
    {
        var error = Assert.Throws<InvalidInputException>(() => new Network([Zeros(3, 2), Zeros(3, 1)], [Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(1)]));
        Assert.Contains("W2 has 3 rows but layer 2 has 2 units", error.Message);
    }
}
