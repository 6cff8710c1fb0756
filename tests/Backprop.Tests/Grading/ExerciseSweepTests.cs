using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>
/// Sweeps of lessons 2 and 4's graders: generated wrong answers (slips in the backward pass, in-place changes, every
/// wrong subset of parameters, every list one name off) are never graded right, and the right ones are.
/// </summary>
public class ExerciseSweepTests
{
    /// <summary>Layers 2 and 1 as a student writes them, with one slip (or none).</summary>
    private static LayersTwoAndOneFunction Student(string slip) => (X, z1, a1, z2, W2, W3, dL_dy) =>
    {
        Matrix<double> relu_derivative(Matrix<double> z) => z.Map(v => v > 0 ? 1.0 : 0.0);
        if (slip == "relu' in place on z2")
        {
            z2.MapInplace(v => v > 0 ? 1.0 : 0.0);
        }

        if (slip == "in place on dL_dy")
        {
            dL_dy.Multiply(2.0, dL_dy);
        }

        var dL_da2 = slip == "sign" ? -(dL_dy * W3.Transpose()) : dL_dy * W3.Transpose();

        var dL_dz2 = slip switch
        {
            "no relu' in layer 2" => dL_da2,
            "relu' in place on z2" => dL_da2.PointwiseMultiply(z2),
            "relu(z2) for relu'" => dL_da2.PointwiseMultiply(z2.Map(v => Math.Max(0, v))),
            _ => dL_da2.PointwiseMultiply(relu_derivative(z2)),
        };
        var dL_dW2 = slip switch
        {
            "dL_dW2 transposed" => (dL_dz2.Transpose() * a1).Transpose().Transpose(),
            "z1 for a1" => z1.Transpose() * dL_dz2,
            "dL_dW2 halved" => 0.5 * (a1.Transpose() * dL_dz2),
            _ => a1.Transpose() * dL_dz2,
        };
        var dL_db2 = slip == "rows for columns" ? dL_dz2.RowSums() : dL_dz2.ColumnSums();
        var dL_da1 = slip == "dL_dW2 for W2" ? dL_dz2 * dL_dW2.Transpose() : dL_dz2 * W2.Transpose();
        var dL_dz1 = slip == "no relu' in layer 1" ? dL_da1 : dL_da1.PointwiseMultiply(relu_derivative(z1));
        var dL_dW1 = slip == "zeros for dL_dW1" ? Matrix<double>.Build.Dense(X.ColumnCount, z1.ColumnCount) : X.Transpose() * dL_dz1;
        var dL_db1 = slip == "mean for sum" ? dL_dz1.ColumnSums() / X.RowCount : dL_dz1.ColumnSums();
        if (slip == "right, then clears W2")
        {
            W2.Clear();
        }

        return (dL_da2, dL_dz2, dL_dW2, dL_db2, dL_da1, dL_dz1, dL_dW1, dL_db1);
    };

    public static TheoryData<string> LayerSlips =>
    [
        "sign", "in place on dL_dy", "no relu' in layer 2", "relu' in place on z2", "relu(z2) for relu'", "dL_dW2 transposed", "z1 for a1",
        "dL_dW2 halved", "rows for columns", "dL_dW2 for W2", "no relu' in layer 1", "zeros for dL_dW1", "mean for sum", "right, then clears W2",
    ];

    [Fact]
    public void The_right_layers_pass()
    {
        var report = BackwardGrader.LayersTwoAndOne(Student(""), TimeSpan.FromSeconds(30));

        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [MemberData(nameof(LayerSlips))]
    public void No_slip_in_layers_two_and_one_is_graded_right(string slip)
    {
        var report = BackwardGrader.LayersTwoAndOne(Student(slip), TimeSpan.FromSeconds(30));

        Assert.False(report.Passed, $"{slip}:\n{report}");
        Assert.Contains(report.Items, item => item.Message.StartsWith('✘'));
    }

    [Fact]
    public void Of_every_subset_of_parameters_only_the_right_prediction_passes()
    {
        var problem = RandomProblem.Original();
        var forward = problem.Network.Forward(problem.X);
        var trace = BackwardTrace.Of(problem.Network, forward, problem.Y);
        var bad_dz2 = trace.dL_da[1];
        var bad_dz1 = (bad_dz2 * problem.Network.Weights[1].Transpose()).PointwiseMultiply(Activation.ReluDerivative(forward.PreActivations[0]));
        var buggy = Gradients.Of(problem.Network,
            [problem.X.Transpose() * bad_dz1, forward.Activations[0].Transpose() * bad_dz2, trace.dL_dW[2]],
            [bad_dz1.ColumnSums(), bad_dz2.ColumnSums(), trace.dL_db[2]]);
        var check = GradientCheck.Run(problem.Network, problem.X, problem.Y, gradients: buggy);
        string[] parameters = ["W1", "b1", "W2", "b2", "W3", "b3"];

        var passing = Enumerable.Range(1, (1 << parameters.Length) - 1)
            .Select(mask => parameters.Where((_, i) => (mask & (1 << i)) != 0).ToArray())
            .Where(subset => Exercise.CheckPredictedWrong(subset, check).Passed)
            .ToList();

        Assert.Equal(["W1", "b1", "W2", "b2"], Assert.Single(passing));
    }

    [Fact]
    public void Every_zero_gradient_list_one_name_off_fails()
    {
        string[] solution = ["W1[0,1]", "W1[1,1]", "W1[2,1]", "b1[1]", "W2[1,0]", "W2[1,1]", "W2[0,1]", "b2[1]", "W3[1,0]"];
        var (network, _, _) = RandomProblem.Original();
        var every = network.Weights.SelectMany((W, k) => W.EnumerateIndexed().Select(entry => $"W{k + 1}[{entry.Item1},{entry.Item2}]"))
            .Concat(network.Biases.SelectMany((b, k) => Enumerable.Range(0, b.Count).Select(j => $"b{k + 1}[{j}]")))
            .ToList();

        Assert.True(Exercise.CheckZeroGradients(solution).Passed);
        Assert.All(solution, left => Assert.False(Exercise.CheckZeroGradients(solution.Where(name => name != left)).Passed, left));
        Assert.All(every.Except(solution), added => Assert.False(Exercise.CheckZeroGradients([.. solution, added]).Passed, added));
        Assert.True(Exercise.CheckZeroGradients([.. solution, " w1[0, 1] "]).Passed);
    }
}
