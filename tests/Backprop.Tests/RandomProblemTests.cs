namespace Backprop.Tests;

public class RandomProblemTests
{
    [Fact]
    public void The_original_draws_the_weights_first_then_X_then_y_as_the_notebook_does()
    {
        var (network, x, y) = RandomProblem.Original();

        // np.random.seed(0); np.random.randn() is 1.764052345967664, the first weight W1[0,0].
        Assert.Equal(1.764052345967664, network.Weights[0][0, 0]);
        Assert.Equal([3, 2, 2, 1], network.LayerSizes);
        Assert.Equal((10, 3), (x.RowCount, x.ColumnCount));
        Assert.Equal((10, 1), (y.RowCount, y.ColumnCount));

        // The same draws by hand, in the same order, give the same numbers bit for bit.
        var random = new NumPyRandom(0);
        var byHand = Network.Create([3, 2, 2, 1], random);
        Assert.Equal(byHand.Weights[2].ToArray(), network.Weights[2].ToArray());
        Assert.Equal(random.Rand(10, 3).ToArray(), x.ToArray());
        Assert.Equal(random.Rand(10, 1).ToArray(), y.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_problem_needs_at_least_one_sample(int samples)
    {
        var error = Assert.Throws<InvalidInputException>(() => RandomProblem.Draw([3, 2, 1], samples));

        Assert.Equal($"The number of samples is {samples}: it must be 1 or more.", error.Message);
    }
}
