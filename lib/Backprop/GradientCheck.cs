using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>One parameter's gradient, from backpropagation and from finite differences.</summary>
/// <param name="Parameter">Which parameter, as <c>W2[0,1]</c> or <c>b3[0]</c> (layers 1-based, indices 0-based as in NumPy).</param>
/// <param name="Backprop">The gradient the backward pass computed.</param>
/// <param name="Numerical">The central finite difference <c>(L(p + h) - L(p - h)) / 2h</c>.</param>
/// <param name="RelativeError"><c>|backprop - numerical| / max(|backprop|, |numerical|)</c>, 0 when both are 0.</param>
/// <param name="CrossesKink">True when nudging the parameter by ±h switched some ReLU on or off: the loss has a kink there and the finite difference is not a fair judge.</param>
public sealed record GradientCheckEntry(string Parameter, double Backprop, double Numerical, double RelativeError, bool CrossesKink);

/// <summary>
/// Checks the backward pass against the definition of a derivative: nudge each parameter up and down by a
/// small <c>h</c>, measure the loss both times, and compare the slope with what backpropagation says.
/// </summary>
/// <remarks>
/// Relative errors around 1e-7 or below mean the gradients are right; around 1e-2 or above mean a bug, unless
/// the nudge crossed a ReLU kink (see <see cref="GradientCheckEntry.CrossesKink"/>).
/// </remarks>
public static class GradientCheck
{
    /// <summary>Compares every parameter's backprop gradient with a central finite difference.</summary>
    /// <param name="network">The network to check; it is left exactly as it was.</param>
    /// <param name="input">X.</param>
    /// <param name="target">y.</param>
    /// <param name="step">The nudge <c>h</c>.</param>
    /// <param name="gradients">Gradients to judge; by default the network's own backward pass on X and y.</param>
    public static IReadOnlyList<GradientCheckEntry> Run(
        Network network, Matrix<double> input, Matrix<double> target, double step = 1e-5, Gradients? gradients = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        DataChecks.RequireTarget(network, input, target);
        var forward = network.Forward(input);
        gradients ??= network.Backward(forward, target);
        var masks = ActiveMasks(forward);
        var entries = new List<GradientCheckEntry>();

        for (var layer = 0; layer < network.LayerCount; layer++)
        {
            var w = network.Weights[layer];
            for (var row = 0; row < w.RowCount; row++)
            {
                for (var column = 0; column < w.ColumnCount; column++)
                {
                    var (slope, kink) = Nudge(network, input, target, step, masks, v => w[row, column] = v, w[row, column]);
                    entries.Add(Entry($"W{layer + 1}[{row},{column}]", gradients.Weights[layer][row, column], slope, kink));
                }
            }

            var b = network.Biases[layer];
            for (var index = 0; index < b.Count; index++)
            {
                var (slope, kink) = Nudge(network, input, target, step, masks, v => b[index] = v, b[index]);
                entries.Add(Entry($"b{layer + 1}[{index}]", gradients.Biases[layer][index], slope, kink));
            }
        }

        return entries;
    }

    /// <summary><c>|a - b| / max(|a|, |b|)</c>, and 0 when both are 0.</summary>
    public static double RelativeError(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    private static GradientCheckEntry Entry(string name, double backprop, double numerical, bool kink) =>
        new(name, backprop, numerical, RelativeError(backprop, numerical), kink);

    private static (double Slope, bool CrossesKink) Nudge(
        Network network, Matrix<double> input, Matrix<double> target, double step, IReadOnlyList<bool[,]> masks, Action<double> set, double original)
    {
        set(original + step);
        var up = network.Forward(input);
        set(original - step);
        var down = network.Forward(input);
        set(original);

        var slope = (Loss.Mse(target, up.Prediction) - Loss.Mse(target, down.Prediction)) / (2 * step);
        var kink = !SameMasks(masks, ActiveMasks(up)) || !SameMasks(masks, ActiveMasks(down));
        return (slope, kink);
    }

    /// <summary>For each hidden layer, which units are active (z &gt; 0) for which sample.</summary>
    private static IReadOnlyList<bool[,]> ActiveMasks(ForwardPass forward) => ReluActivity.ActiveUnits(forward);

    private static bool SameMasks(IReadOnlyList<bool[,]> first, IReadOnlyList<bool[,]> second) =>
        first.Zip(second).All(pair => pair.First.Cast<bool>().SequenceEqual(pair.Second.Cast<bool>()));
}
