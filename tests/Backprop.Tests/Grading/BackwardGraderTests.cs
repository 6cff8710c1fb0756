using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

public class BackwardGraderTests
{
    private static readonly RandomProblem Problem = RandomProblem.Original();

    private static GradingReport Grade(Slip slip) => StudentBackward.Write(Problem, slip).Grade(Problem);

    [Fact]
    public void The_right_backward_pass_and_update_pass_every_item()
    {
        var report = Grade(Slip.None);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(
            ["dL_dW3", "dL_db3", "dL_da2", "dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1",
             "new W1", "new b1", "new W2", "new b2", "new W3", "new b3"],
            report.Items.Select(item => item.Name));
        Assert.All(report.Items, item => Assert.StartsWith("✔ ", item.Message));
        Assert.Equal(report.Items.Count, report.ToString().Split('\n').Length);
    }

    [Fact]
    public void Empty_student_cells_say_not_done_yet_for_every_quantity()
    {
        Matrix<double>? missing = null;
        Vector<double>? none = null;
        var report = BackwardGrader.Check(Problem.Network, Problem.X, Problem.Y,
            dL_dW: [missing, missing, missing], dL_db: [none, none, none], dL_dz: [], dL_da: null, newW: [], newB: []);

        Assert.False(report.Passed);
        Assert.Equal(6 + 2 + 6, report.Items.Count);
        Assert.All(report.Items, item => Assert.Equal(Mistake.NotDone, item.Mistake));
        Assert.Contains("○ dL_dW1: not done yet; assign a 3×2 matrix, shaped like W1", report.ToString());
        Assert.Contains("○ dL_db2: not done yet; assign 2 values, like b2", report.ToString());
    }

    [Fact]
    public void Null_lists_and_empty_matrices_are_not_done_yet_too()
    {
        var report = BackwardGrader.Check(Problem.Network, Problem.X, Problem.Y,
            dL_dW: null, dL_db: [Vector<double>.Build.Dense(0)]);

        Assert.Equal(["dL_dW3", "dL_db3", "dL_dW2", "dL_db2", "dL_dW1", "dL_db1"], report.Items.Select(item => item.Name));
        Assert.All(report.Items, item => Assert.Equal(Mistake.NotDone, item.Mistake));
    }

    [Fact]
    public void A_missing_transpose_that_changes_the_shape_is_named()
    {
        var item = Grade(Slip.TransposedW1)["dL_dW1"];

        Assert.Equal(Mistake.Transposed, item.Mistake);
        Assert.Equal("✘ dL_dW1 is 2×3, the transpose of the right value (a 3×2 matrix, shaped like W1): a .T is missing or extra; dL_dW1 = X.T @ dL_dz1", item.Message);
    }

    [Fact]
    public void A_square_gradient_equal_to_the_transpose_is_named()
    {
        var report = Grade(Slip.TransposedW2);

        Assert.Equal(Mistake.Transposed, report["dL_dW2"].Mistake);
        Assert.Equal("✘ dL_dW2 is the transpose of the right value (a 2×2 matrix, shaped like W2): a .T is missing or extra; dL_dW2 = a1.T @ dL_dz2", report["dL_dW2"].Message);
        Assert.True(report["dL_dW3"].Passed);
        Assert.True(report["dL_dW1"].Passed);
    }

    [Theory]
    [InlineData(Slip.NoReluDerivative2, 2, new[] { "dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1" })]
    [InlineData(Slip.NoReluDerivative1, 1, new[] { "dL_dz1", "dL_dW1", "dL_db1" })]
    public void Relu_derivative_left_out_names_its_layer_and_the_parameters_it_spoils(Slip slip, int layer, string[] spoiled)
    {
        var report = Grade(slip);

        var wrong = report.Items.Where(item => !item.Passed && !item.Name.StartsWith("new", StringComparison.Ordinal)).ToList();
        Assert.Equal(spoiled.Order(), wrong.Select(item => item.Name).Order());
        Assert.All(wrong, item =>
        {
            Assert.Equal(Mistake.ReluDerivativeMissing, item.Mistake);
            Assert.Contains($"with relu'(z{layer}) left out: dL_dz{layer} = dL_da{layer} * relu_derivative(z{layer})", item.Message);
        });
        Assert.True(report["dL_dW3"].Passed);
    }

    [Fact]
    public void Dropping_the_factor_two_halves_every_gradient_and_says_so()
    {
        var report = Grade(Slip.NoFactorTwo);

        var gradients = report.Items.Where(item => item.Name.StartsWith("dL_d", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, gradients.Count);
        Assert.All(gradients, item =>
        {
            Assert.Equal(Mistake.FactorTwoMissing, item.Mistake);
            Assert.Equal($"✘ {item.Name} is exactly half the right value: the 2 of the MSE derivative is missing; dL_dy = 2 * (y_pred - y) / y.size", item.Message);
        });
    }

    [Fact]
    public void A_bias_gradient_summed_over_the_wrong_axis_has_one_value_per_sample()
    {
        var report = Grade(Slip.WrongAxis);

        foreach (var name in new[] { "dL_db1", "dL_db2", "dL_db3" })
        {
            Assert.Equal(Mistake.WrongAxis, report[name].Mistake);
        }

        Assert.Equal("✘ dL_db2 sums each row (one value per sample) instead of each column: dL_db2 = np.sum(dL_dz2, axis=0), the sum over the samples (in C#: .SumOfEachColumn())", report["dL_db2"].Message);
        Assert.True(report["dL_dW2"].Passed);
    }

    [Fact]
    public void Row_sums_of_the_right_length_are_recognised_by_their_values()
    {
        // A 10-2-1 network on 2 samples: a bias gradient summed over the units has as many values as there are units.
        var problem = RandomProblem.Draw([3, 2, 1], samples: 2, seed: 4);
        var forward = problem.Network.Forward(problem.X);
        var trace = BackwardTrace.Of(problem.Network, forward, problem.Y);

        var report = BackwardGrader.Check(problem.Network, problem.X, problem.Y,
            dL_dW: trace.dL_dW.ToArray(), dL_db: [trace.dL_dz[0].RowSums(), trace.dL_db[1]]);

        Assert.Equal(Mistake.WrongAxis, report["dL_db1"].Mistake);
        Assert.StartsWith("✘ dL_db1 sums each row (one value per sample) instead of each column", report["dL_db1"].Message);
    }

    [Fact]
    public void A_bias_gradient_of_one_value_per_sample_is_the_wrong_axis_even_when_its_values_are_off()
    {
        var item = BackwardGrader.Check(Problem.Network, Problem.X, Problem.Y, dL_dW: null, dL_db: [null, Vector<double>.Build.Dense(10, 1.0)])["dL_db2"];

        Assert.Equal("✘ dL_db2 has 10 values, one per sample: sum over the samples instead, dL_db2 = np.sum(dL_dz2, axis=0) (in C#: .SumOfEachColumn())", item.Message);
    }

    [Fact]
    public void A_wrong_shape_that_is_no_transpose_says_which_shape_is_wanted()
    {
        var item = BackwardGrader.Check(Problem.Network, Problem.X, Problem.Y, dL_dW: [Matrix<double>.Build.Dense(3, 3)], dL_db: null)["dL_dW1"];

        Assert.Equal("✘ dL_dW1 is 3×3 but must be a 3×2 matrix, shaped like W1; dL_dW1 = X.T @ dL_dz1", item.Message);
    }

    [Fact]
    public void Updating_W3_before_it_is_used_shows_in_the_layers_below_and_their_updates()
    {
        var report = Grade(Slip.EarlyUpdate);

        Assert.True(report["dL_dW3"].Passed);
        Assert.True(report["new W3"].Passed);
        foreach (var name in new[] { "dL_da2", "dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1", "new W2", "new b2", "new W1", "new b1" })
        {
            Assert.Equal(Mistake.UpdatedTooEarly, report[name].Mistake);
            Assert.Contains("computed with W3 already updated: dL_da2 = dL_dy @ W3.T needs the old W3; compute every gradient first, then update", report[name].Message);
        }
    }

    [Fact]
    public void The_wrong_sign_is_named_for_the_gradients_and_the_updates()
    {
        var report = Grade(Slip.WrongSign);

        Assert.All(report.Items.Where(item => item.Name.StartsWith("dL_d", StringComparison.Ordinal)), item =>
            Assert.Equal($"✘ {item.Name} has the wrong sign (exactly −1 times the right value): dL_dy = 2 * (y_pred - y) / y.size is prediction minus target", item.Message));
        Assert.All(report.Items.Where(item => item.Name.StartsWith("new", StringComparison.Ordinal)), item =>
            Assert.Equal(Mistake.WrongSign, item.Mistake));
    }

    [Fact]
    public void Update_mistakes_have_their_own_hints()
    {
        var (network, lr) = (Problem.Network, StudentBackward.lr);
        var gradients = network.Backward(network.Forward(Problem.X), Problem.Y);
        var (W, dW) = (network.Weights, gradients.Weights);

        var report = BackwardGrader.Check(network, Problem.X, Problem.Y, dL_dW: null, dL_db: null,
            newW: [W[0] + (lr * dW[0]), W[1] - dW[1], W[2]], learningRate: lr);

        Assert.Equal("✘ new W1 moved up the gradient, so the loss grows: subtract, W1 -= lr * dL_dW1", report["new W1"].Message);
        Assert.Equal(Mistake.LearningRateMissing, report["new W2"].Mistake);
        Assert.Equal("✘ new W3 is still the old W3: W3 -= lr * dL_dW3", report["new W3"].Message);
    }

    [Fact]
    public void Other_wrong_values_show_the_largest_difference_and_the_formula()
    {
        var gradients = Problem.Network.Backward(Problem.Network.Forward(Problem.X), Problem.Y);
        var off = gradients.Weights[2].Clone();
        off[1, 0] += 0.5;

        var item = BackwardGrader.Check(Problem.Network, Problem.X, Problem.Y, dL_dW: [null, null, off], dL_db: null)["dL_dW3"];

        Assert.Equal(Mistake.Other, item.Mistake);
        Assert.StartsWith("✘ dL_dW3 is not right (largest difference 0.5 at [1,0]: ", item.Message);
        Assert.EndsWith("dL_dW3 = a2.T @ dL_dy", item.Message);
    }

    [Fact]
    public void A_gradient_holding_NaN_is_wrong_without_a_stack_trace()
    {
        var nan = Matrix<double>.Build.Dense(2, 1, double.NaN);

        var item = BackwardGrader.Check(Problem.Network, Problem.X, Problem.Y, dL_dW: [null, null, nan], dL_db: null)["dL_dW3"];

        Assert.False(item.Passed);
        Assert.StartsWith("✘ dL_dW3 holds a NaN or an infinity", item.Message);
    }
}
