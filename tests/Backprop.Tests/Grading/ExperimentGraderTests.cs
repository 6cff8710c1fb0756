using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>Lesson 3's two exercises, checked in the library.</summary>
public class ExperimentGraderTests
{
    /// <summary>Trains a copy of the original network for 1000 epochs, as the lesson's DeadInLayer2 does, written again here.</summary>
    private static int DeadInLayer2(double learningRate)
    {
        var (network, X, y) = RandomProblem.Original();
        Trainer.Train(network, X, y, epochs: 1000, learningRate);
        return ReluActivity.DeadUnits(network.Forward(X)).Count(unit => unit.Layer == 1);
    }

    [Fact]
    public void The_rate_the_lessons_loop_finds_passes_and_its_neighbours_fail()
    {
        var safe = 0.0;
        for (var step = 1; DeadInLayer2(step / 100.0) == 0; step++)
        {
            safe = step / 100.0;
        }

        var right = ExperimentGrader.LargestSafeRate(safe);
        var low = ExperimentGrader.LargestSafeRate(Math.Round(safe - 0.01, 2));
        var high = ExperimentGrader.LargestSafeRate(Math.Round(safe + 0.01, 2));

        Assert.True(right.Passed, right.ToString());
        Assert.Equal(2, right.Items.Count);
        Assert.False(low.Passed);
        Assert.Contains("too: go higher", low.ToString());
        Assert.False(high.Passed);
        Assert.Matches("at lr = [0-9.]+ (a unit of layer 2 dies|both units of layer 2 die): go lower", high.ToString());
    }

    [Fact]
    public void A_rate_that_diverges_is_reported_not_thrown()
    {
        var report = ExperimentGrader.LargestSafeRate(5);

        var item = Assert.Single(report.Items);
        Assert.Matches(@"^✘ at lr = 5 training diverges \(the loss overflows at epoch \d+\): go lower$", item.Message);
    }

    [Theory]
    [InlineData(0.175)]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_no_multiple_of_a_hundredth_gets_a_hint_about_the_form(double rate)
    {
        var item = Assert.Single(ExperimentGrader.LargestSafeRate(rate).Items);

        Assert.Equal(Mistake.WrongForm, item.Mistake);
        Assert.Contains("a learning rate here is a multiple of 0.01 above 0 (0.01, 0.02, 0.03, …)", item.Message);
    }

    [Fact]
    public void A_rate_of_zero_suggests_an_integer_division()
    {
        var item = Assert.Single(ExperimentGrader.LargestSafeRate(1 / 10).Items);

        Assert.EndsWith("(a division of whole numbers such as 1 / 10 is 0 in C#: write 1.0 / 10)", item.Message);
    }

    [Fact]
    public void No_rate_yet_is_not_done()
    {
        Assert.Equal(Mistake.NotDone, Assert.Single(ExperimentGrader.LargestSafeRate(null).Items).Mistake);
    }

    /// <summary>Small stand-ins for the bike data: 4 features and a target in thousands.</summary>
    private static (Matrix<double> XTrain, Matrix<double> yTrain) Data()
    {
        var random = new Random(7);
        var XTrain = Matrix<double>.Build.Dense(24, 4, (_, column) => (column + 1) * 100 * random.NextDouble());
        var yTrain = Matrix<double>.Build.Dense(24, 1, (_, _) => 3000 * random.NextDouble());
        return (XTrain, yTrain);
    }

    [Fact]
    public void The_solution_passes_and_both_runs_are_shown_as_notes()
    {
        var (XTrain, yTrain) = Data();

        var report = Exercise.CheckScaling(XTrain, yTrain, Standardization.Fit(XTrain).Apply(XTrain), Standardization.Fit(yTrain).Apply(yTrain), 'B');

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(2, report.Items.Count(item => item.Mistake == Mistake.Note));
        Assert.Contains(report.Items, item => item.Message.StartsWith("· features scaled, target raw: ", StringComparison.Ordinal));
        Assert.Contains(report.Items, item => item.Message.StartsWith("· both scaled: loss ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_untouched_exercise_is_three_lines_not_done_and_no_nul()
    {
        var (XTrain, yTrain) = Data();

        foreach (var unset in new[] { ' ', '\0' })
        {
            var report = Exercise.CheckScaling(XTrain, yTrain, null, null, unset);

            Assert.Equal(3, report.Items.Count);
            Assert.All(report.Items, item => Assert.Equal(Mistake.NotDone, item.Mistake));
            Assert.DoesNotContain('\0', report.ToString());
        }
    }

    [Theory]
    [InlineData("raw", "is XTrain itself, not scaled")]
    [InlineData("centred", "has mean 0 but not spread 1")]
    [InlineData("divided", "has spread 1 but not mean 0")]
    [InlineData("sample", "divides by the sample standard deviation (n − 1)")]
    [InlineData("transposed", "is 4×24 but must be a 24×4 matrix, like XTrain: a transpose is missing or extra")]
    public void Scaling_slips_are_named(string slip, string hint)
    {
        var (XTrain, yTrain) = Data();
        var scaling = Standardization.Fit(XTrain);
        var answer = slip switch
        {
            "raw" => XTrain.Clone(),
            "centred" => XTrain - Matrix<double>.Build.Dense(24, 4, (_, c) => scaling.Means[c]),
            "divided" => XTrain.PointwiseDivide(Matrix<double>.Build.Dense(24, 4, (_, c) => scaling.StandardDeviations[c])),
            "sample" => scaling.Apply(XTrain) * Math.Sqrt(23.0 / 24),
            _ => scaling.Apply(XTrain).Transpose(),
        };

        var report = Exercise.CheckScaling(XTrain, yTrain, answer, null, "b");

        Assert.StartsWith($"✘ XTrainStandardized {hint}", report["XTrainStandardized"].Message);
        Assert.DoesNotContain(report.Items, item => item.Mistake == Mistake.Note);
    }

    [Theory]
    [InlineData("a", Mistake.Other, "whyFeaturesOnlyFails: not a;")]
    [InlineData("C", Mistake.Other, "whyFeaturesOnlyFails: not c;")]
    [InlineData("d", Mistake.WrongForm, "whyFeaturesOnlyFails is \"d\": answer with one letter, 'a', 'b' or 'c'")]
    [InlineData("b)", Mistake.WrongForm, "whyFeaturesOnlyFails is \"b)\": answer with one letter")]
    [InlineData(" 'b' ", Mistake.None, "whyFeaturesOnlyFails: b,")]
    public void The_choice_is_matched_by_the_one_rule(string answer, Mistake mistake, string message)
    {
        var (XTrain, yTrain) = Data();

        var item = Exercise.CheckScaling(XTrain, yTrain, null, null, answer)["whyFeaturesOnlyFails"];

        Assert.Equal(mistake, item.Mistake);
        Assert.Contains(message, item.Message);
    }
}
