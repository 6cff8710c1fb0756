using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Backprop.Grading;

/// <summary>
/// Checks lesson 4's exercises: which parameters get a gradient of exactly 0 for sample 1, and a leaky ReLU built
/// from the lesson's <c>Value</c> operations. The zero gradients are computed here, from the original network, so
/// that no notebook cell holds them.
/// </summary>
internal static partial class AutogradGrader
{
    private const string NameForm = "write them as the picture does: W1[0,1], b2[0]";

    /// <summary>
    /// Checks <c>zeroGradients</c>: the names of the parameters whose gradient is exactly 0 for sample 1 of the
    /// original problem (<see cref="RandomProblem.Original"/>). Case, spaces and quotes don't matter
    /// (<c>"w1[0, 1]"</c> is <c>W1[0,1]</c>); the order doesn't either.
    /// </summary>
    /// <param name="zeroGradients">The student's list; null or empty is "not done yet".</param>
    public static GradingReport ZeroGradients(IEnumerable<string>? zeroGradients)
    {
        const string name = "zeroGradients";
        var listed = (zeroGradients ?? []).Where(answer => Answers.Canonical(answer).Length > 0).ToList();
        if (listed.Count == 0)
        {
            return new GradingReport([GradingItem.NotDone(name, "list the parameters whose gradient is exactly 0 for sample 1")]);
        }

        var (network, X, y) = RandomProblem.Original();
        var gradients = network.Backward(network.Forward(X.SubMatrix(1, 1, 0, X.ColumnCount)), y.SubMatrix(1, 1, 0, y.ColumnCount));
        var all = new Dictionary<string, double>();
        for (var k = 0; k < network.LayerCount; k++)
        {
            foreach (var (i, j, value) in gradients.Weights[k].EnumerateIndexed())
            {
                all[$"W{k + 1}[{i},{j}]"] = value;
            }

            foreach (var (j, value) in gradients.Biases[k].EnumerateIndexed())
            {
                all[$"b{k + 1}[{j}]"] = value;
            }
        }

        var byCanonical = all.Keys.ToDictionary(Answers.Canonical);
        var unknown = listed.Where(answer => !byCanonical.ContainsKey(Answers.Canonical(answer))).ToList();
        var named = listed.Select(Answers.Canonical).Where(byCanonical.ContainsKey).Select(canonical => byCanonical[canonical]).ToHashSet();
        var zero = all.Where(entry => entry.Value == 0).Select(entry => entry.Key).ToList();
        var missing = zero.Count(parameter => !named.Contains(parameter));
        var extra = all.Keys.Where(parameter => named.Contains(parameter) && all[parameter] != 0).ToList();
        return new GradingReport(
        [
            unknown.Count == 0
                ? GradingItem.Right("names", "every name is a parameter of the network")
                : GradingItem.Wrong("names", Mistake.WrongForm,
                    $"not parameters of this network: {string.Join(", ", unknown.Select(Answers.Quoted))}; {(unknown.All(LooksLikeAParameter) ? "the network is 3-2-2-1, indices count from 0" : NameForm)}"),
            missing == 0
                ? GradingItem.Right("every zero", $"you found every zero gradient ({zero.Count})")
                : GradingItem.Wrong("every zero", Mistake.Other,
                    $"{missing} zero gradient{(missing == 1 ? " is" : "s are")} missing: a unit that is off blocks the gradient of its incoming weights and its bias, and its 0 output blocks that of its outgoing weights"),
            extra.Count == 0
                ? GradingItem.Right("only zeros", "nothing listed has a gradient")
                : GradingItem.Wrong("only zeros", Mistake.Other,
                    $"these have a gradient: {string.Join(", ", extra)}; only the weights into and out of an off unit, and its bias, get exactly 0"),
        ]);
    }

    /// <summary>
    /// Checks <c>LeakyRelu</c>, written with the lesson's <c>Value</c>: for z above 0 it gives z with slope 1, below 0
    /// it gives 0.01·z with slope 0.01 (the slope read from <c>z.Grad</c> after <c>Backward()</c>), and at 0 it gives 0
    /// (either slope is fine at the kink). The inputs are drawn afresh, with very small and very large values.
    /// </summary>
    /// <param name="leakyRelu">
    /// The student's function of one <c>Value</c>, returning a <c>Value</c>; the type needs a constructor from a
    /// <see cref="double"/> (further parameters optional), <c>Data</c>, <c>Grad</c> and <c>Backward()</c>, as the lesson's
    /// has. Null, or a function returning null, is "not done yet".
    /// </param>
    public static GradingReport LeakyRelu(Delegate? leakyRelu) => LeakyRelu(leakyRelu, new Random(), StudentCode.TimeLimit);

    /// <summary>The same, with the inputs drawn from <paramref name="random"/> and a time limit, for tests.</summary>
    internal static GradingReport LeakyRelu(Delegate? leakyRelu, Random random, TimeSpan timeLimit)
    {
        var name = StudentNames.Of(leakyRelu, "LeakyRelu");
        if (leakyRelu is null)
        {
            return new GradingReport([GradingItem.NotDone(name, $"define {name}")]);
        }

        var value = ValueType.Of(leakyRelu.Method);
        if (value is null)
        {
            return new GradingReport([GradingItem.Wrong(name, Mistake.WrongForm,
                $"{name} must take one Value, z, and return a Value (with Data, Grad and Backward()), as Value? {name}(Value z) => …")]);
        }

        double[] inputs =
        [
            TrialInputs.Between(random, 0.1, 1), TrialInputs.Between(random, 1, 5), 1e-8, 1e6,
            -TrialInputs.Between(random, 0.1, 1), -TrialInputs.Between(random, 1, 5), -1e-8, -1e6, 0,
        ];
        var results = new List<(double Input, double Data, double Slope)>();
        foreach (var input in inputs)
        {
            var run = StudentCode.Run(name, leakyRelu, () => value.Apply(leakyRelu, input), ShapeNames.None, timeLimit);
            if (!run.Returned)
            {
                return new GradingReport([run.Failure]);
            }

            if (run.Result is not var (data, slope))
            {
                return new GradingReport([GradingItem.NotDone(name, "return a Value built from z with Relu, +, - and *")]);
            }

            results.Add((input, data, slope));
        }

        GradingItem[] items =
        [
            Region($"{name}(z > 0)", name, results.Where(r => r.Input > 0), z => z, slope: 1, "above 0 it is z itself"),
            Region($"{name}(z < 0)", name, results.Where(r => r.Input < 0), z => 0.01 * z, slope: 0.01, "below 0 it is 0.01 · z"),
            Region($"{name}(0)", name, results.Where(r => r.Input == 0), _ => 0, slope: null, "at 0 it is 0"),
        ];
        return new GradingReport(SayOnce(items, SlopeHint));
    }

    private const string SlopeHint = ": build the output from z with Value's operations (not from z.Data), so that Backward can reach z";

    /// <summary>The items with <paramref name="explanation"/> kept on the first that ends with it only.</summary>
    private static IReadOnlyList<GradingItem> SayOnce(IEnumerable<GradingItem> items, string explanation)
    {
        var said = false;
        var result = new List<GradingItem>();
        foreach (var item in items)
        {
            var repeat = said && item.Message.EndsWith(explanation, StringComparison.Ordinal);
            said |= item.Message.EndsWith(explanation, StringComparison.Ordinal);
            result.Add(repeat ? item with { Message = item.Message[..^explanation.Length] + " (as above)" } : item);
        }

        return result;
    }

    private static GradingItem Region(string item, string name, IEnumerable<(double Input, double Data, double Slope)> tried, Func<double, double> wanted, double? slope, string rule)
    {
        var list = tried.ToList();
        foreach (var (input, data, grad) in list)
        {
            var z = Numbers.Format(input);
            if (!double.IsFinite(data))
            {
                return GradingItem.Wrong(item, Mistake.NotANumber, $"{name}({z}) is {Numbers.Format(data)}: {rule}");
            }

            if (!Near(data, wanted(input)))
            {
                return GradingItem.Wrong(item, Mistake.Other, $"{name}({z}) is {Numbers.Format(data)}, should be {Numbers.Format(wanted(input))}: {rule}");
            }

            if (slope is double right && !Near(grad, right))
            {
                return GradingItem.Wrong(item, Mistake.Other,
                    $"{name}({z}) is right, but its slope dL/dz is {Numbers.Format(grad)}, should be {Numbers.Format(right)}{SlopeHint}");
            }
        }

        var slopeText = slope is double s ? string.Create(CultureInfo.InvariantCulture, $", slope {s}") : "";
        return GradingItem.Right(item, $"{item}: {rule}{slopeText} (tried {list.Count} value{(list.Count == 1 ? "" : "s")})");
    }

    private static bool Near(double actual, double expected) => Math.Abs(actual - expected) <= (1e-12 * Math.Abs(expected)) + 1e-300;

    private static bool LooksLikeAParameter(string answer) => ParameterName().IsMatch(Answers.Canonical(answer));

    [GeneratedRegex(@"^(W\d+\[\d+,\d+\]|B\d+\[\d+\])$")]
    private static partial Regex ParameterName();

    /// <summary>The student's <c>Value</c> type, reached by reflection: the lesson defines it in a notebook cell, which this library can't name.</summary>
    private sealed class ValueType
    {
        private readonly Func<double, object?> _make;
        private readonly PropertyInfo _data;
        private readonly PropertyInfo _grad;
        private readonly MethodInfo _backward;

        private ValueType(Func<double, object?> make, PropertyInfo data, PropertyInfo grad, MethodInfo backward) =>
            (_make, _data, _grad, _backward) = (make, data, grad, backward);

        /// <summary>The type of the function's one parameter, if it has a constructor from a double, Data, Grad and Backward().</summary>
        public static ValueType? Of(MethodInfo function)
        {
            var parameters = function.GetParameters();
            if (parameters.Length != 1 || !parameters[0].ParameterType.IsAssignableFrom(function.ReturnType) && !function.ReturnType.IsAssignableFrom(parameters[0].ParameterType))
            {
                return null;
            }

            var type = parameters[0].ParameterType;
            var data = type.GetProperty("Data", typeof(double));
            var grad = type.GetProperty("Grad", typeof(double));
            var backward = type.GetMethod("Backward", Type.EmptyTypes);
            var make = Constructor(type);
            return data is null || grad is null || backward is null || make is null ? null : new ValueType(make, data, grad, backward);
        }

        /// <summary>Makes z, calls the function, runs Backward on its result; null when it returned null.</summary>
        public (double Data, double Slope)? Apply(Delegate function, double input)
        {
            var z = _make(input);
            var output = function.DynamicInvoke(z);
            if (output is null)
            {
                return null;
            }

            _backward.Invoke(output, null);
            return ((double)_data.GetValue(output)!, (double)_grad.GetValue(z)!);
        }

        private static Func<double, object?>? Constructor(Type type)
        {
            foreach (var constructor in type.GetConstructors())
            {
                var parameters = constructor.GetParameters();
                if (parameters.Length > 0 && parameters[0].ParameterType == typeof(double) && parameters.Skip(1).All(p => p.HasDefaultValue))
                {
                    return input => constructor.Invoke([input, .. parameters.Skip(1).Select(p => p.DefaultValue)]);
                }
            }

            var implicitFromDouble = type.GetMethod("op_Implicit", BindingFlags.Public | BindingFlags.Static, [typeof(double)]);
            return implicitFromDouble is null || implicitFromDouble.ReturnType != type ? null : input => implicitFromDouble.Invoke(null, [input]);
        }
    }
}
