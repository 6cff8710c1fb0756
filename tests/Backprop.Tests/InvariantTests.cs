using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>
/// The library guards its invariants at its public entries (issue 19, item 6): a forward pass belongs to its network,
/// gradients and updates are finite or the caller is told, a divergence names what stopped being finite, the gradient
/// check says when it cannot judge, standardisation is exact for any finite column, data sets are consistent.
/// </summary>
public class InvariantTests
{
    private static readonly RandomProblem Original = RandomProblem.Original();

    private static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    /// <summary>A linear 1-1 network with weight <paramref name="w"/> and bias 0: its prediction is w·x.</summary>
    private static Network OneWeight(double w) => new([M(new double[,] { { w } })], [Vector<double>.Build.Dense(1)]);

    /// <summary>A one-sample data set: x and its target y.</summary>
    private static (Matrix<double> X, Matrix<double> Y) OneSample(double x, double y) => (M(new double[,] { { x } }), M(new double[,] { { y } }));

    [Fact]
    public void Backward_refuses_a_forward_pass_from_a_network_of_another_shape()
    {
        var other = RandomProblem.Draw([3, 4, 1], samples: 10);
        var network = Original.Network.Clone();

        var error = Assert.Throws<InvalidInputException>(() => network.Backward(other.Network.Forward(other.X), other.Y));
        Assert.Contains("made by another network", error.Message);
        var reverse = Assert.Throws<InvalidInputException>(() => other.Network.Backward(network.Forward(Original.X), Original.Y));
        Assert.Contains("made by another network", reverse.Message);
    }

    [Fact]
    public void Backward_refuses_a_forward_pass_from_a_network_of_the_same_shape_with_other_weights()
    {
        var network = Original.Network.Clone();
        var trained = Original.Network.Clone();
        Trainer.Train(trained, Original.X, Original.Y, epochs: 10, learningRate: 0.1);

        var error = Assert.Throws<InvalidInputException>(() => network.Backward(trained.Forward(Original.X), Original.Y));

        Assert.Contains("made by another network", error.Message);
    }

    [Fact]
    public void Backward_refuses_a_forward_pass_made_before_the_last_update()
    {
        var network = Original.Network.Clone();
        var forward = network.Forward(Original.X);
        network.Update(network.Backward(forward, Original.Y), 0.01);

        var error = Assert.Throws<InvalidInputException>(() => network.Backward(forward, Original.Y));

        Assert.Contains("before the network's last Update", error.Message);
        Assert.Equal(3, network.Backward(network.Forward(Original.X), Original.Y).Weights.Count); // a fresh pass is taken
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "infinite")]
    public void Gradients_Of_refuses_a_gradient_that_is_not_finite_and_names_it(double value, string word)
    {
        var network = Original.Network;
        var weights = network.Weights.Select(w => Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount)).ToArray();
        var biases = network.Biases.Select(b => Vector<double>.Build.Dense(b.Count)).ToArray();
        weights[1][0, 1] = value;

        var error = Assert.Throws<InvalidInputException>(() => Gradients.Of(network, weights, biases));

        Assert.Contains($"The gradient dL_dW2[0,1] is {word}", error.Message);
    }

    [Fact]
    public void Update_refuses_a_step_that_would_make_a_weight_infinite_and_leaves_the_network_as_it_was()
    {
        var network = Original.Network.Clone();
        var before = network.Clone();
        var own = network.Backward(network.Forward(Original.X), Original.Y);
        var gradients = Gradients.Of(network, own.Weights.Select(dW => 1e300 * dW).ToArray(), own.Biases); // finite, but lr times them is not

        var error = Assert.Throws<InvalidInputException>(() => network.Update(gradients, 1e10));

        Assert.Contains("This update would make W", error.Message);
        Assert.Contains("use a smaller learning rate", error.Message);
        for (var i = 0; i < network.LayerCount; i++)
        {
            Assert.Equal(before.Weights[i], network.Weights[i]);
            Assert.Equal(before.Biases[i], network.Biases[i]);
        }

        Assert.True(double.IsFinite(network.LossOn(Original.X, Original.Y)));
        network.Clone(); // a finite network can still be copied
    }

    [Fact]
    public void A_divergence_where_a_weight_became_infinite_names_the_weight_not_the_loss()
    {
        // The loss (1e150)² = 1e300 is finite, but dL_dW = 2e300 times lr 1e10 is not.
        var network = OneWeight(1);
        var (x, y) = OneSample(1e150, 0);

        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, epochs: 5, learningRate: 1e10));

        Assert.StartsWith("Training diverged at epoch 0: its update made W1[0,0] minus infinite, while the loss was still finite (last finite loss 1E+300).", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("loss became", error.Message);
    }

    [Fact]
    public void A_network_left_with_an_infinite_weight_by_a_divergence_refuses_to_predict_instead_of_returning_NaN()
    {
        var network = OneWeight(1);
        var (x, y) = OneSample(1e150, 0);
        Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, epochs: 5, learningRate: 1e10));

        var error = Assert.Throws<InvalidInputException>(() => network.Predict(x));

        Assert.StartsWith("The network's W1[0,0] is minus infinite", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => network.LossOn(x, y));
    }

    [Fact]
    public void A_divergence_of_the_loss_says_so_and_suggests_a_clean_learning_rate()
    {
        // W ← W − 1.1·2W = −1.2·W: the weight grows until its square, the loss, overflows.
        var network = OneWeight(1);
        var (x, y) = OneSample(1, 0);

        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, epochs: 10000, learningRate: 1.1));

        Assert.Contains(": the loss became infinite (last finite loss", error.Message);
        Assert.EndsWith("Try a smaller learning rate than 1.1, for example 0.11.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gradient_check_says_it_cannot_judge_where_the_nudge_is_below_the_rounding_of_a_huge_loss()
    {
        var x = Original.X.Map(v => v * 1e100);
        var y = Original.Y.Map(v => v * 1e100);

        var result = GradientCheck.Run(Original.Network, x, y);

        Assert.Empty(result.Wrong);
        Assert.Contains(result.Entries, entry => entry.Verdict == GradientVerdict.CannotJudge);
        Assert.All(result.Entries.Where(entry => entry.Verdict == GradientVerdict.CannotJudge), entry => Assert.Contains("its rounding hides", entry.Reason));
        Assert.False(result.Passed);
        Assert.EndsWith("Not every gradient could be judged.", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gradient_check_says_it_cannot_judge_where_the_loss_is_infinite()
    {
        var x = Original.X.Map(v => v * 1e200);

        var result = GradientCheck.Run(Original.Network, x, Original.Y);

        Assert.Empty(result.Wrong);
        Assert.All(result.Entries, entry => Assert.Equal(GradientVerdict.CannotJudge, entry.Verdict));
        Assert.Contains("not judged, because the loss is infinite", result.Summary);
    }

    [Fact]
    public void The_gradient_check_says_it_cannot_judge_a_parameter_so_large_that_the_nudge_rounds_away()
    {
        // 1e12 + 1e-5 rounds back to 1e12 (its spacing is about 1.2e-4): the finite difference of W1[0,0] is 0.
        var (x, y) = OneSample(1, 0);

        var result = GradientCheck.Run(OneWeight(1e12), x, y);

        var weight = result.Entries[0];
        Assert.Equal("W1[0,0]", weight.Parameter);
        Assert.Equal(GradientVerdict.CannotJudge, weight.Verdict);
        Assert.Contains("rounds back to it: use a larger h", weight.Reason);
        Assert.Empty(result.Wrong);
    }

    [Fact]
    public void The_gradient_check_still_judges_ordinary_data_agreeing_and_a_doubled_gradient_wrong()
    {
        var network = Original.Network;
        var correct = network.Backward(network.Forward(Original.X), Original.Y);
        var doubled = Gradients.Of(network, correct.Weights.Select(dW => 2 * dW).ToArray(), correct.Biases);

        var fine = GradientCheck.Run(network, Original.X, Original.Y);
        var buggy = GradientCheck.Run(network, Original.X, Original.Y, gradients: doubled);

        Assert.True(fine.Passed);
        Assert.DoesNotContain(fine.Entries.Concat(buggy.Entries), entry => entry.Verdict == GradientVerdict.CannotJudge);
        Assert.NotEmpty(buggy.Wrong);
        Assert.EndsWith("Failed.", buggy.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1e-160)]
    [InlineData(1e-300)]
    [InlineData(1e200)]
    public void Standardization_of_a_column_of_tiny_or_huge_numbers_is_exactly_that_of_the_same_column_at_ordinary_size(double size)
    {
        // Multiplying by a power of two is exact, so the mean and deviation must scale by exactly that power.
        double[] ordinary = [1.0, 2.5, 3.25, 7.0, -4.0];
        var shift = Math.ILogB(size);
        var column = Matrix<double>.Build.Dense(ordinary.Length, 1, (row, _) => Math.ScaleB(ordinary[row], shift));

        var scaling = Standardization.Fit(column);
        var reference = Standardization.Fit(Matrix<double>.Build.Dense(ordinary.Length, 1, (row, _) => ordinary[row]));

        Assert.Equal(Math.ScaleB(reference.Means[0], shift), scaling.Means[0]);
        Assert.Equal(Math.ScaleB(reference.StandardDeviations[0], shift), scaling.StandardDeviations[0]);
        Close.Equal(reference.Apply(Matrix<double>.Build.Dense(ordinary.Length, 1, (row, _) => ordinary[row])), scaling.Apply(column), 1e-15, "scaled");
    }

    [Theory]
    [InlineData(1e-320)]
    [InlineData(0.0)]
    public void Standardization_refuses_a_deviation_it_cannot_divide_by(double deviation)
    {
        var error = Assert.Throws<InvalidInputException>(() => new Standardization(Vector<double>.Build.Dense(1), Vector<double>.Build.Dense(1, deviation)));

        Assert.Contains("cannot be divided by", error.Message);
    }

    [Fact]
    public void A_data_set_whose_X_and_y_have_different_row_counts_is_refused_when_built()
    {
        var error = Assert.Throws<InvalidInputException>(() => new Dataset(Matrix<double>.Build.Dense(3, 2), Matrix<double>.Build.Dense(2, 1), ["a", "b"], ["y"]));

        Assert.Contains("X has 3 rows but y has 2", error.Message);
        Assert.Throws<InvalidInputException>(() => new Dataset(Matrix<double>.Build.Dense(3, 2), Matrix<double>.Build.Dense(3, 1), ["a"], ["y"]));
    }

    [Fact]
    public void Splitting_one_sample_says_two_are_needed()
    {
        var one = new Dataset(Matrix<double>.Build.Dense(1, 2), Matrix<double>.Build.Dense(1, 1), ["a", "b"], ["y"]);

        var error = Assert.Throws<InvalidInputException>(() => one.Split(0));

        Assert.Equal("Cannot split 1 sample in two: each part needs at least one sample, so a data set to split needs at least 2.", error.Message);
    }
}
