using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

public class ReluActivityTests
{
    [Fact]
    public void Active_units_are_where_z_is_positive_and_dead_units_fire_for_no_sample()
    {
        // Hidden unit 0 copies the input, unit 1 its negation minus 10 (never positive for inputs in [0, 1]).
        var network = new Network(
            [Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -1 } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { 1 } })],
            [Vector<double>.Build.Dense([-0.5, -10]), Vector<double>.Build.Dense(1)]);
        var input = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.2 }, { 0.9 } });

        var forward = network.Forward(input);
        var active = Assert.Single(ReluActivity.ActiveUnits(forward));

        Assert.Equal(new bool[,] { { false, false }, { true, false } }, active);
        Assert.Equal([(0, 1)], ReluActivity.DeadUnits(forward));
        Assert.Equal(2, ReluActivity.HiddenUnitCount(network));
    }

    [Fact]
    public void Epoch_details_carry_the_forward_pass_gradients_and_norms_of_each_epoch()
    {
        var (network, input, target) = RandomProblem.Original();
        var replay = network.Clone();
        var details = new List<EpochDetails>();

        var losses = Trainer.Train(network, input, target, 5, 0.01, details.Add);

        Assert.Equal(5, details.Count);
        foreach (var (epoch, loss) in details.Zip(losses))
        {
            // Replaying the same epoch on a copy gives the same forward pass, loss and gradients.
            var forward = replay.Forward(input);
            Assert.Equal(loss, Loss.Mse(target, forward.Prediction));
            var gradients = replay.Backward(forward, target);
            Assert.Equal(forward.Prediction, epoch.Forward.Prediction);
            Assert.Equal(gradients.Weights.Select(g => g.FrobeniusNorm()), epoch.WeightGradientNorms);
            Assert.Equal(2, ReluActivity.ActiveUnits(epoch.Forward).Count);
            replay.Update(gradients, 0.01);
        }
    }
}
