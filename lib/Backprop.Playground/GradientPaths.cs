using System.Globalization;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Playground;

/// <summary>One local derivative on a path: what it is (<c>W2[0,1]</c>, <c>relu'(z1[3,0])</c>) and its value.</summary>
/// <param name="Name">The quantity, in the lessons' names (samples and units 0-based, layers 1-based).</param>
/// <param name="Value">Its value.</param>
public sealed record PathFactor(string Name, double Value);

/// <summary>One path from a parameter to the loss, for one sample: the product of its local derivatives.</summary>
/// <param name="Sample">The sample (row of X) the path runs through.</param>
/// <param name="Factors">The local derivatives, from the parameter to the loss.</param>
public sealed record GradientPath(int Sample, IReadOnlyList<PathFactor> Factors)
{
    /// <summary>The product of the factors, in order: this path's share of the gradient.</summary>
    public double Product => Factors.Aggregate(1.0, (product, factor) => product * factor.Value);

    /// <summary>Whether the path runs through a unit that was off for its sample (a relu' factor of 0): it adds 0.</summary>
    public bool Off => Factors.Any(factor => factor.Value == 0 && factor.Name.StartsWith("relu'", StringComparison.Ordinal));
}

/// <summary>A parameter's gradient as the chain rule computes it: the sum over every path to the loss.</summary>
/// <param name="Parameter">The parameter, as <c>W1[0,0]</c> or <c>b2[1]</c>.</param>
/// <param name="PathCount">How many paths there are: samples × units of every later layer.</param>
/// <param name="Sum">The sum of every path's product.</param>
/// <param name="Backward"><see cref="Network.Backward"/>'s gradient of the same parameter.</param>
/// <param name="Paths">The first paths, for showing (at most the number asked for).</param>
public sealed record PathSum(string Parameter, long PathCount, double Sum, double Backward, IReadOnlyList<GradientPath> Paths);

/// <summary>
/// The chain rule written out path by path, as lesson 2 does for <c>W1[0,0]</c>: a weight <c>W_l[i,j]</c> reaches the
/// loss through unit <c>j</c> of layer <c>l</c>, then one unit of every later layer, for every sample. Each path is
/// the product of its local derivatives,
/// <code>
/// a_{l-1}[n,i] × relu'(z_l[n,j]) × W_{l+1}[j,k] × relu'(z_{l+1}[n,k]) × … × W_L[m,o] × dL_dy[n,o]
/// </code>
/// and the gradient is their sum. (A bias's paths start with 1 instead of <c>a_{l-1}[n,i]</c>.)
/// </summary>
public static partial class GradientPaths
{
    /// <summary>The most paths one sum walks: a wider or deeper network has too many to add one by one.</summary>
    public const long MaxPaths = 1_000_000;

    /// <summary>Every parameter's name, W1 then b1, W2, …, as the gradient check names them.</summary>
    public static IReadOnlyList<string> ParameterNames(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var names = new List<string>();
        for (var layer = 0; layer < network.LayerCount; layer++)
        {
            var W = network.Weights[layer];
            for (var row = 0; row < W.RowCount; row++)
            {
                for (var column = 0; column < W.ColumnCount; column++)
                {
                    names.Add($"W{layer + 1}[{row},{column}]");
                }
            }

            for (var unit = 0; unit < W.ColumnCount; unit++)
            {
                names.Add($"b{layer + 1}[{unit}]");
            }
        }

        return names;
    }

    /// <summary>How many paths lead from <paramref name="parameter"/> to the loss.</summary>
    /// <exception cref="InvalidInputException">The name is not a parameter of the network.</exception>
    public static long CountPaths(Network network, int samples, string parameter)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (layer, _, _) = Parse(network, parameter);
        return network.LayerSizes.Skip(layer + 2).Aggregate((long)samples, (count, units) => count * units);
    }

    /// <summary>
    /// The gradient of <paramref name="parameter"/> as the sum over every path to the loss, beside
    /// <see cref="Network.Backward"/>'s value, on X and y.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="X">The inputs.</param>
    /// <param name="y">The targets.</param>
    /// <param name="parameter">A weight as <c>W1[0,0]</c> or a bias as <c>b1[0]</c>.</param>
    /// <param name="pathsToKeep">How many paths to return for showing (all are added up).</param>
    /// <exception cref="InvalidInputException">The name is not a parameter of the network, X and y do not fit it, or there are more than <see cref="MaxPaths"/> paths.</exception>
    public static PathSum Sum(Network network, Matrix<double> X, Matrix<double> y, string parameter, int pathsToKeep = 40)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (layer, from, to) = Parse(network, parameter);
        var count = CountPaths(network, X.RowCount, parameter);
        if (count > MaxPaths)
        {
            throw new InvalidInputException(
                $"{parameter} reaches the loss along {count.ToString(CultureInfo.InvariantCulture)} paths, more than the {MaxPaths.ToString(CultureInfo.InvariantCulture)} one sum adds up: choose a weight nearer the output or a smaller network.");
        }

        var forward = network.Forward(X);
        var backward = network.Backward(forward, y);
        var dL_dy = Loss.MseDerivative(y, forward.Prediction);
        var isWeight = from is not null;
        var walk = new PathWalk(network, forward, dL_dy, pathsToKeep);
        for (var n = 0; n < X.RowCount; n++)
        {
            var start = isWeight
                ? new PathFactor(layer == 0 ? $"X[{n},{from}]" : $"a{layer}[{n},{from}]", forward.InputOf(layer)[n, from!.Value])
                : new PathFactor($"∂(b{layer + 1}[{to}])", 1.0);
            walk.From(n, layer, to, start);
        }

        var library = isWeight ? backward.Weights[layer][from!.Value, to] : backward.Biases[layer][to];
        return new PathSum(parameter, count, walk.Sum, library, walk.Kept);
    }

    /// <summary>
    /// Walks every path of one sample from a unit to the loss, multiplying the factors as it goes (left to right, as
    /// <see cref="GradientPath.Product"/> does), and names the factors only of the paths it keeps for showing.
    /// </summary>
    private sealed class PathWalk(Network network, ForwardPass forward, Matrix<double> dL_dy, int pathsToKeep)
    {
        private readonly List<(int Layer, int Unit)> _units = [];
        private int _sample;
        private PathFactor _start = new("", 0);

        public double Sum { get; private set; }

        public List<GradientPath> Kept { get; } = [];

        /// <summary>Every path of sample <paramref name="n"/> that starts with <paramref name="start"/> at unit <paramref name="unit"/> of weight layer <paramref name="layer"/>.</summary>
        public void From(int n, int layer, int unit, PathFactor start)
        {
            (_sample, _start) = (n, start);
            Walk(layer, unit, start.Value);
        }

        /// <summary>
        /// From unit <paramref name="unit"/> of weight layer <paramref name="layer"/> (0-based) on to the loss: through
        /// its ReLU if it is hidden, then along every weight to every unit of the next layer, recursively.
        /// </summary>
        private void Walk(int layer, int unit, double product)
        {
            _units.Add((layer, unit));
            if (layer == network.LayerCount - 1)
            {
                Sum += product * dL_dy[_sample, unit];
                if (Kept.Count < pathsToKeep)
                {
                    Kept.Add(new GradientPath(_sample, Factors()));
                }
            }
            else
            {
                var relu = forward.PreActivations[layer][_sample, unit] > 0 ? 1.0 : 0.0;
                var W = network.Weights[layer + 1];
                for (var next = 0; next < W.ColumnCount; next++)
                {
                    Walk(layer + 1, next, product * relu * W[unit, next]);
                }
            }

            _units.RemoveAt(_units.Count - 1);
        }

        /// <summary>The named factors of the path through the units walked so far.</summary>
        private PathFactor[] Factors()
        {
            var n = _sample;
            var factors = new List<PathFactor> { _start };
            for (var i = 0; i < _units.Count; i++)
            {
                var (layer, unit) = _units[i];
                if (layer == network.LayerCount - 1)
                {
                    factors.Add(new PathFactor($"dL_dy[{n},{unit}]", dL_dy[n, unit]));
                    break;
                }

                var next = _units[i + 1].Unit;
                factors.Add(new PathFactor($"relu'(z{layer + 1}[{n},{unit}])", forward.PreActivations[layer][n, unit] > 0 ? 1.0 : 0.0));
                factors.Add(new PathFactor($"W{layer + 2}[{unit},{next}]", network.Weights[layer + 1][unit, next]));
            }

            return [.. factors];
        }
    }

    /// <summary>Reads <c>W2[0,1]</c> as (layer 1, from 0, to 1) and <c>b2[1]</c> as (layer 1, null, 1), checking it names a parameter.</summary>
    private static (int Layer, int? From, int To) Parse(Network network, string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var match = ParameterPattern().Match(parameter);
        if (match.Success
            && int.TryParse(match.Groups["layer"].Value, CultureInfo.InvariantCulture, out var layer) && layer >= 1 && layer <= network.LayerCount
            && int.TryParse(match.Groups["first"].Value, CultureInfo.InvariantCulture, out var first))
        {
            var W = network.Weights[layer - 1];
            if (match.Groups["kind"].Value == "W" && match.Groups["second"].Success
                && int.TryParse(match.Groups["second"].Value, CultureInfo.InvariantCulture, out var second)
                && first < W.RowCount && second < W.ColumnCount)
            {
                return (layer - 1, first, second);
            }

            if (match.Groups["kind"].Value == "b" && !match.Groups["second"].Success && first < W.ColumnCount)
            {
                return (layer - 1, null, first);
            }
        }

        throw new InvalidInputException(
            $"'{parameter}' is not a parameter of this {string.Join('-', network.LayerSizes)} network: name a weight as W1[0,0] or a bias as b1[0].");
    }

    [GeneratedRegex(@"^(?<kind>[Wb])(?<layer>[0-9]{1,3})\[(?<first>[0-9]{1,4})(,(?<second>[0-9]{1,4}))?\]$")]
    private static partial Regex ParameterPattern();
}
