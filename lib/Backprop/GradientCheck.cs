using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Checks the backward pass against the definition of a derivative: nudge each parameter up and down by a
/// small <c>h</c>, measure the loss both times, and compare the slope with what backpropagation says.
/// </summary>
/// <remarks>
/// The verdicts use the usual thresholds for double precision (<see cref="GradientCheckResult.AgreeUpTo"/>,
/// <see cref="GradientCheckResult.WrongFrom"/>); a nudge that switched a ReLU on or off is not judged.
/// </remarks>
public static class GradientCheck
{
    /// <summary>The most parameters one check will nudge: each costs two forward passes.</summary>
    public const int MaxParameters = 2000;

    /// <summary>Compares every parameter's backprop gradient with a central finite difference, and judges each.</summary>
    /// <param name="network">The network to check; it is left exactly as it was.</param>
    /// <param name="input">X.</param>
    /// <param name="target">y.</param>
    /// <param name="step">The nudge <c>h</c>: a finite number from 1e-10 to 0.1.</param>
    /// <param name="gradients">Gradients to judge (for example from <see cref="Gradients.Of"/>); by default the network's own backward pass on X and y.</param>
    /// <exception cref="InvalidInputException">The data does not fit the network, the step is out of range, the gradients are shaped for another network, or the network has more than <see cref="MaxParameters"/> parameters.</exception>
    public static GradientCheckResult Run(
        Network network, Matrix<double> input, Matrix<double> target, double step = 1e-5, Gradients? gradients = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Checks.RequireTarget(network, input, target);
        if (!double.IsFinite(step) || step < 1e-10 || step > 0.1)
        {
            throw new InvalidInputException(
                $"The gradient check's step h is {step.ToString(System.Globalization.CultureInfo.InvariantCulture)}: use a number from 1e-10 to 0.1, such as 1e-5.");
        }

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
                    var (slope, kink) = Nudge(network, input, target, step, masks, v => w[row, column] = v, w[row, column]);
                    entries.Add(GradientCheckEntry.Judge($"W{layer + 1}[{row},{column}]", gradients.Weights[layer][row, column], slope, kink));
                }
            }

            var b = network.Biases[layer];
            for (var index = 0; index < b.Count; index++)
            {
                var (slope, kink) = Nudge(network, input, target, step, masks, v => b[index] = v, b[index]);
                entries.Add(GradientCheckEntry.Judge($"b{layer + 1}[{index}]", gradients.Biases[layer][index], slope, kink));
            }
        }

        return new GradientCheckResult(entries);
    }

    private static (double Slope, bool CrossesKink) Nudge(
        Network network, Matrix<double> input, Matrix<double> target, double step, IReadOnlyList<bool[,]> masks, Action<double> set, double original)
    {
        set(original + step);
        var up = network.ForwardCore(input);
        set(original - step);
        var down = network.ForwardCore(input);
        set(original);

        var slope = (Loss.MseCore(target, up.Prediction) - Loss.MseCore(target, down.Prediction)) / (2 * step);
        var kink = !SameMasks(masks, ReluActivity.ActiveUnits(up)) || !SameMasks(masks, ReluActivity.ActiveUnits(down));
        return (slope, kink);
    }

    private static bool SameMasks(IReadOnlyList<bool[,]> first, IReadOnlyList<bool[,]> second) =>
        first.Zip(second).All(pair => pair.First.Cast<bool>().SequenceEqual(pair.Second.Cast<bool>()));
}
