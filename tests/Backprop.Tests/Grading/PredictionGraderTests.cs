using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

public class PredictionGraderTests
{
    /// <summary>Lesson 2's planted bug: dL_dz2 = dL_da2, relu'(z2) forgotten.</summary>
    private static GradientCheckResult PlantedBug()
    {
        var problem = RandomProblem.Original();
        var network = problem.Network;
        var forward = network.Forward(problem.X);
        var trace = BackwardTrace.Of(network, forward, problem.Y);
        var bad_dz2 = trace.dL_da[1];
        var bad_dW2 = forward.Activations[0].Transpose() * bad_dz2;
        var bad_dz1 = (bad_dz2 * network.Weights[1].Transpose()).PointwiseMultiply(Activation.ReluDerivative(forward.PreActivations[0]));
        var buggy = Gradients.Of(network,
            [problem.X.Transpose() * bad_dz1, bad_dW2, trace.dL_dW[2]],
            [bad_dz1.ColumnSums(), bad_dz2.ColumnSums(), trace.dL_db[2]]);
        return GradientCheck.Run(network, problem.X, problem.Y, gradients: buggy);
    }

    [Fact]
    public void The_right_prediction_passes_for_every_parameter()
    {
        var check = PlantedBug();
        var wrong = check.Wrong.Select(name => name.Split('[')[0]).Distinct().ToList();

        var report = PredictionGrader.Check(wrong, check);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], report.Items.Select(item => item.Name));
        Assert.Equal("✔ W3: right, as you predicted", report["W3"].Message);
    }

    [Fact]
    public void Predicting_the_layer_above_the_bug_is_wrong_with_the_hint()
    {
        var report = PredictionGrader.Check(["dL_dW3", "W2", "b2"], PlantedBug());

        Assert.Equal(Mistake.WrongPrediction, report["W3"].Mistake);
        Assert.Equal("✘ W1: not in your list, but the gradient check finds its gradient wrong. A bug in one layer's dL_dz reaches " +
            "that layer's dL_dW and dL_db and every layer below it (the backward pass carries it down), never the layers above", report["W1"].Message);
        Assert.Equal("✘ W3: you listed it as wrong, but the gradient check finds its gradient right", report["W3"].Message);
        Assert.True(report["W2"].Passed);
        Assert.Single(report.Items, item => item.Message.Contains("A bug in one layer", StringComparison.Ordinal));
    }

    [Fact]
    public void No_prediction_is_not_done_yet_and_unknown_names_are_named()
    {
        Assert.Equal(Mistake.NotDone, PredictionGrader.Check(null, PlantedBug()).Items.Single().Mistake);
        Assert.Equal(Mistake.NotDone, PredictionGrader.Check([" "], PlantedBug()).Items.Single().Mistake);
        var unknown = PredictionGrader.Check(["W7"], PlantedBug()).Items[0];
        Assert.Equal("✘ \"W7\" is not a parameter of this network: name them as W1, b1, W2, b2, W3, b3", unknown.Message);
    }

    [Fact]
    public void Case_spaces_quotes_and_the_dL_d_prefix_do_not_matter()
    {
        var report = PredictionGrader.Check(["w1", " 'B1' ", "dl_dw2", "\"b2\""], PlantedBug());

        Assert.True(report.Passed, report.ToString());
    }
}
