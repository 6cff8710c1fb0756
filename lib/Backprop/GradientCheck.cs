using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Checks the backward pass against the definition of a derivative: nudge each parameter up and down by a
/// small <c>h</c>, measure the loss both times, and compare the slope with what backpropagation says.
/// </summary>
/// <remarks>
/// The verdicts use the usual thresholds for double precision (<see cref="GradientCheckResult.AgreeUpTo"/>,
/// <see cref="GradientCheckResult.WrongFrom"/>); a nudge that switched a ReLU on or off is not judged, and neither is
/// a slope the finite difference cannot measure (<see cref="GradientVerdict.CannotJudge"/>, with the reason): where
/// the loss is not finite, where <c>p ± h</c> rounds back to <c>p</c>, or where the loss is so large that its own
/// rounding error, about 2⁻⁵²·|L| per evaluation, divided by 2h, could explain the disagreement.
/// </remarks>
public static class GradientCheck
{
    /// <summary>The most parameters one check will nudge: each costs two forward passes.</summary>
    internal const int MaxParameters = 2000;

    // A loss is a sum of many rounded terms: allow 100 roundings (2⁻⁵² relative each) of its size in the difference.
    private static readonly double LossRoundings = 100 * Math.ScaleB(1.0, -52);

    /// <summary>Compares every parameter's backprop gradient with a central finite difference, and judges each.</summary>
    /// <param name="network">The network to check; it is left exactly as it was.</param>
    /// <param name="input">X.</param>
    /// <param name="target">y.</param>
    /// <param name="step">The nudge <c>h</c>: a finite number from 1e-10 to 0.1.</param>
    /// <param name="gradients">Gradients to judge (for example from <see cref="Gradients.Of"/>); by default the network's own backward pass on X and y.</param>
    /// <exception cref="InvalidInputException">The data does not fit the network, the step is out of range, the gradients are shaped for another network or not finite, or the network has more than 2000 parameters.</exception>
    public static GradientCheckResult Run(
        Network network, Matrix<double> input, Matrix<double> target, double step = 1e-5, Gradients? gradients = null)
    {
        Checks.RequireTarget(network, input, target);
        Checks.RequireGradientCheckStep(step);
        if (network.ParameterCount > MaxParameters)
        {
            throw new InvalidInputException(
                $"The network has {network.ParameterCount} parameters; a gradient check nudges each one twice, so it checks at most {MaxParameters}: check a smaller network.");
        }

        if (gradients is not null)
        {
            Checks.RequireGradientsFor(network, gradients);
        }

        var forward = network.ForwardCore(input);
        var loss = Loss.MseCore(target, forward.Prediction);
        gradients ??= network.BackwardCore(forward, target);
        var masks = ReluActivity.ActiveUnits(forward);
        var entries = new List<GradientCheckEntry>();

        for (var layer = 0; layer < network.LayerCount; layer++)
        {
            var w = network.Weights[layer];
            for (var row = 0; row < w.RowCount; row++)
            {
                for (var column = 0; column < w.ColumnCount; column++)
                {
                    var nudge = Nudge(network, input, target, step, masks, v => w[row, column] = v, w[row, column]);
                    entries.Add(Judge(Finite.WeightName("W", layer, row, column), gradients.Weights[layer][row, column], loss, step, nudge));
                }
            }

            var b = network.Biases[layer];
            for (var index = 0; index < b.Count; index++)
            {
                var nudge = Nudge(network, input, target, step, masks, v => b[index] = v, b[index]);
                entries.Add(Judge(Finite.BiasName("b", layer, index), gradients.Biases[layer][index], loss, step, nudge));
            }
        }

        return new GradientCheckResult(entries);
    }

    private static GradientCheckEntry Judge(string parameter, double backprop, double loss, double step, Nudged nudge)
    {
        if (!double.IsFinite(loss))
        {
            return GradientCheckEntry.Unjudged(parameter, backprop, nudge.Slope, nudge.CrossesKink,
                $"the loss is {Finite.Describe(loss)}, so a nudge cannot change it measurably: scale the data or use smaller weights");
        }

        if (nudge.Vanished)
        {
            return GradientCheckEntry.Unjudged(parameter, backprop, nudge.Slope, nudge.CrossesKink,
                $"the parameter is so large that adding h = {step.ToString("G3", CultureInfo.InvariantCulture)} rounds back to it: use a larger h");
        }

        var rounding = LossRoundings * nudge.LargestLoss / (2 * step);
        if (!GradientCheckEntry.Agree(backprop, nudge.Slope) && !nudge.CrossesKink && Math.Abs(backprop - nudge.Slope) <= rounding)
        {
            return GradientCheckEntry.Unjudged(parameter, backprop, nudge.Slope, nudge.CrossesKink,
                $"the loss ({loss.ToString("G3", CultureInfo.InvariantCulture)}) is so large that its rounding hides what a nudge of h changes: scale the data");
        }

        return GradientCheckEntry.Judge(parameter, backprop, nudge.Slope, nudge.CrossesKink);
    }

    private static Nudged Nudge(
        Network network, Matrix<double> input, Matrix<double> target, double step, IReadOnlyList<bool[,]> masks, Action<double> set, double original)
    {
        set(original + step);
        var up = network.ForwardCore(input);
        set(original - step);
        var down = network.ForwardCore(input);
        set(original);

        double lossUp = Loss.MseCore(target, up.Prediction), lossDown = Loss.MseCore(target, down.Prediction);
        var slope = (lossUp - lossDown) / (2 * step);
        var kink = !SameMasks(masks, ReluActivity.ActiveUnits(up)) || !SameMasks(masks, ReluActivity.ActiveUnits(down));
        var vanished = original + step == original || original - step == original;
        return new Nudged(slope, kink, vanished, Math.Max(Math.Abs(lossUp), Math.Abs(lossDown)));
    }

    private static bool SameMasks(IReadOnlyList<bool[,]> first, IReadOnlyList<bool[,]> second) =>
        first.Zip(second).All(pair => pair.First.Cast<bool>().SequenceEqual(pair.Second.Cast<bool>()));

    /// <summary>What nudging one parameter measured: the slope, whether a ReLU switched, whether p ± h rounded back to p, and the larger of the two losses.</summary>
    private readonly record struct Nudged(double Slope, bool CrossesKink, bool Vanished, double LargestLoss);
}
