using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Checks lesson 3's exercises: the largest learning rate that keeps layer 2 alive, and scaling the bike data. The
/// right answers are computed (or held) here, out of the notebook's sight, and training that blows up is reported,
/// never thrown.
/// </summary>
internal static class ExperimentGrader
{
    private const int Epochs = 1000;
    private const string SafeRateHint = "try 0.01, 0.02, 0.03, … with DeadInLayer2 and keep the largest with 0 dead";
    private const string Choices = "'a', 'b' or 'c'";
    private const string RightChoice = "b";
    private const string Epoch1Hint = "look at the loss at epoch 1 of the features-only run: what is still measured in thousands?";

    /// <summary>The largest learning rate, in steps of 0.01, after which no unit of layer 2 is dead: counted up once, when first asked.</summary>
    private static readonly Lazy<double> SafeRate = new(() =>
    {
        var rate = 0.0;
        for (var step = 1; step <= 100 && DeadInLayer2(step / 100.0) is (0, null); step++)
        {
            rate = step / 100.0;
        }

        return rate;
    });

    /// <summary>
    /// Checks <c>largestSafeRate</c>: a multiple of 0.01 above 0, at which 1000 epochs from the original network leave
    /// both units of layer 2 alive, and 0.01 above which one dies. A rate at which training diverges says so.
    /// </summary>
    /// <param name="largestSafeRate">The student's answer; null is "not done yet".</param>
    public static GradingReport LargestSafeRate(double? largestSafeRate)
    {
        const string name = "largestSafeRate";
        if (largestSafeRate is not double rate)
        {
            return new GradingReport([GradingItem.NotDone(name, SafeRateHint)]);
        }

        if (!double.IsFinite(rate) || rate <= 0 || Math.Abs((rate * 100) - Math.Round(rate * 100)) > 1e-9)
        {
            var zero = rate == 0 ? " (a division of whole numbers such as 1 / 10 is 0 in C#: write 1.0 / 10)" : "";
            return new GradingReport([GradingItem.Wrong(name, Mistake.WrongForm,
                $"{name} is {Numbers.Format(rate)}: a learning rate here is a multiple of 0.01 above 0 (0.01, 0.02, 0.03, …){zero}")]);
        }

        rate = Math.Round(rate, 2);
        var next = Math.Round(rate + 0.01, 2);
        var (dead, diverged) = DeadInLayer2(rate);
        var items = new List<GradingItem>
        {
            diverged is not null
                ? GradingItem.Wrong($"{name} survives", Mistake.Other, $"at lr = {Rate(rate)} training diverges (the loss overflows at epoch {diverged.Epoch}): go lower")
                : dead == 0
                    ? GradingItem.Right($"{name} survives", $"at lr = {Rate(rate)} both units of layer 2 survive")
                    : GradingItem.Wrong($"{name} survives", Mistake.Other, $"at lr = {Rate(rate)} {(dead == 1 ? "a unit of layer 2 dies" : "both units of layer 2 die")}: go lower"),
        };
        if (dead == 0 && diverged is null)
        {
            var (deadAbove, divergedAbove) = DeadInLayer2(next);
            items.Add(deadAbove > 0 || divergedAbove is not null
                ? GradingItem.Right($"{name} is the largest", $"at lr = {Rate(next)} a unit of layer 2 dies")
                : GradingItem.Wrong($"{name} is the largest", Mistake.Other, $"layer 2 survives lr = {Rate(next)} too: go higher"));
            if (items[^1].Passed && rate != SafeRate.Value)
            {
                items.Add(GradingItem.Wrong(name, Mistake.Other,
                    "a unit of layer 2 already dies at a lower rate: count up from 0.01 and stop at the first rate that kills one"));
            }
        }

        return new GradingReport(items);
    }

    /// <summary>
    /// Checks lesson 3's second exercise: <c>XTrainStandardized</c> and <c>yTrainStandardized</c> (each standardized
    /// with its own training statistics), reports how the 4-16-16-1 network trains on them, and checks the choice of
    /// why scaling the features alone fails.
    /// </summary>
    /// <param name="XTrain">The training features, as the lesson split them.</param>
    /// <param name="yTrain">The training rentals.</param>
    /// <param name="XTrainStandardized">The student's scaled features; null is "not done yet".</param>
    /// <param name="yTrainStandardized">The student's scaled rentals; null is "not done yet".</param>
    /// <param name="whyFeaturesOnlyFails">The student's choice, one letter: case, spaces and quotes don't matter; empty is "not done yet".</param>
    /// <exception cref="InvalidInputException">XTrain or yTrain is empty, or holds a NaN or an infinity.</exception>
    public static GradingReport Scaling(Matrix<double> XTrain, Matrix<double> yTrain, Matrix<double>? XTrainStandardized, Matrix<double>? yTrainStandardized, string? whyFeaturesOnlyFails)
    {
        ArgumentNullException.ThrowIfNull(XTrain);
        ArgumentNullException.ThrowIfNull(yTrain);
        var featuresRight = Standardized("XTrainStandardized", "XTrain", XTrain, XTrainStandardized, out var features);
        var targetRight = Standardized("yTrainStandardized", "yTrain", yTrain, yTrainStandardized, out var target);
        var items = new List<GradingItem> { features, target };
        if (featuresRight)
        {
            items.Add(GradingItem.Note("features scaled, target raw", $"features scaled, target raw: {Describe(XTrainStandardized!, yTrain)}"));
        }

        if (featuresRight && targetRight)
        {
            items.Add(GradingItem.Note("both scaled", $"both scaled: {Describe(XTrainStandardized!, yTrainStandardized!)}"));
        }

        items.Add(Choice(whyFeaturesOnlyFails));
        return new GradingReport(items);
    }

    private static GradingItem Choice(string? answer)
    {
        const string name = "whyFeaturesOnlyFails";
        var canonical = Answers.Canonical(answer);
        return canonical switch
        {
            "" => GradingItem.NotDone(name, $"choose {Choices}"),
            _ when Answers.Same(canonical, RightChoice) => GradingItem.Right(name, $"{name}: {RightChoice}, the raw target's errors in thousands make the first step huge"),
            "A" => GradingItem.Wrong(name, Mistake.Other, $"{name}: not a; with the features scaled no unit starts dead, yet the run fails: {Epoch1Hint}"),
            "C" => GradingItem.Wrong(name, Mistake.Other, $"{name}: not c; the run is wrecked at epoch 1, long before more epochs could help: {Epoch1Hint}"),
            _ => GradingItem.Wrong(name, Mistake.WrongForm, $"{name} is {Answers.Quoted(answer)}: answer with one letter, {Choices}"),
        };
    }

    /// <summary>Judges one standardized matrix against <c>Standardization.Fit(data).Apply(data)</c>, naming the usual slips.</summary>
    private static bool Standardized(string name, string dataName, Matrix<double> data, Matrix<double>? answer, out GradingItem item)
    {
        var scaling = Standardization.Fit(data);
        var right = scaling.Apply(data);
        var formula = $"Standardization.Fit({dataName}).Apply({dataName})";
        var means = Matrix<double>.Build.Dense(data.RowCount, data.ColumnCount, (_, column) => scaling.Means[column]);
        var deviations = Matrix<double>.Build.Dense(data.RowCount, data.ColumnCount, (_, column) => scaling.StandardDeviations[column]);
        var n = data.RowCount;
        var quantity = new Quantity(name, right, $"a {InputRules.Shape(data)} matrix, like {dataName}", formula, IsVector: false, Samples: n)
            .Add(data, Mistake.Other, $"is {dataName} itself, not scaled: {formula}")
            .Add(data - means, Mistake.Other, $"has mean 0 but not spread 1: divide each column by its standard deviation too; {formula} does both")
            .Add(data.PointwiseDivide(deviations), Mistake.Other, $"has spread 1 but not mean 0: subtract each column's mean first; {formula} does both")
            .Add(n > 1 ? right * Math.Sqrt((n - 1.0) / n) : right, Mistake.Other,
                $"divides by the sample standard deviation (n − 1); the lesson's uses n, as NumPy's std does: {formula}");
        item = answer is null ? GradingItem.NotDone(name, $"assign {formula}") : quantity.Judge(answer);
        if (item.Passed)
        {
            item = GradingItem.Right(name, $"{name}: every column of {dataName} has mean 0 and spread 1");
        }

        return item.Passed;
    }

    /// <summary>Trains a fresh 4-16-16-1 network (He, seed 0) for 1000 epochs at lr = 0.1 and says how it went.</summary>
    private static string Describe(Matrix<double> features, Matrix<double> target)
    {
        var network = Network.Create([features.ColumnCount, 16, 16, target.ColumnCount], new NumPyRandom(seed: 0), Initialization.He);
        try
        {
            var losses = Trainer.Train(network, features, target, Epochs, learningRate: 0.1);
            var dead = ReluActivity.DeadUnits(network.Forward(features)).Count;
            return string.Create(CultureInfo.InvariantCulture,
                $"loss {losses[0]:G3} at epoch 0, {losses[1]:G3} at epoch 1, {losses[^1]:G3} at epoch 999; {dead} of {ReluActivity.HiddenUnitCount(network)} units dead");
        }
        catch (TrainingDivergedException diverged)
        {
            return $"training diverged at epoch {diverged.Epoch} (the loss overflowed)";
        }
    }

    /// <summary>Trains a copy of the original network for 1000 epochs and counts layer 2's dead units; or says it diverged.</summary>
    private static (int Dead, TrainingDivergedException? Diverged) DeadInLayer2(double learningRate)
    {
        var (network, X, y) = RandomProblem.Original();
        try
        {
            Trainer.Train(network, X, y, Epochs, learningRate);
            return (ReluActivity.DeadUnits(network.Forward(X)).Count(unit => unit.Layer == 1), null);
        }
        catch (TrainingDivergedException diverged)
        {
            return (0, diverged);
        }
    }

    private static string Rate(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
