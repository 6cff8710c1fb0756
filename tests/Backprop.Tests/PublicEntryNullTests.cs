using System.Reflection;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>
/// Every public constructor and method of the library (namespace <c>Backprop</c>; the graders have their own tests)
/// refuses null where its signature does not allow it, with <see cref="ArgumentNullException"/> naming the parameter,
/// never a <see cref="NullReferenceException"/> from inside. The entries are found by reflection, so a new one is
/// swept too; a parameter type the sweep has no sample for fails the test until one is added.
/// </summary>
public class PublicEntryNullTests
{
    [Fact]
    public void Every_public_entry_refuses_a_null_argument_with_ArgumentNullException_naming_it()
    {
        var samples = new Samples();
        var nullability = new NullabilityInfoContext();
        var failures = new List<string>();
        var swept = 0;

        foreach (var type in typeof(Network).Assembly.GetExportedTypes().Where(t => t.Namespace == "Backprop" && !t.IsInterface && !t.IsEnum))
        {
            var entries = type.GetConstructors().Cast<MethodBase>()
                .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
            foreach (var entry in entries)
            {
                var parameters = entry.GetParameters();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var parameter = parameters[i];
                    if (parameter.ParameterType.IsValueType || parameter.ParameterType.IsByRef
                        || nullability.Create(parameter).WriteState == NullabilityState.Nullable)
                    {
                        continue;
                    }

                    swept++;
                    var name = $"{type.Name}.{entry.Name}({parameter.Name}: null)";
                    var arguments = parameters.Select((other, j) => j == i ? null : samples.For(other, nullability, name)).ToArray();
                    try
                    {
                        if (entry is ConstructorInfo constructor)
                        {
                            constructor.Invoke(arguments);
                        }
                        else
                        {
                            entry.Invoke(entry.IsStatic ? null : samples.Of(type, name), arguments);
                        }

                        failures.Add($"{name} accepted null");
                    }
                    catch (TargetInvocationException thrown) when (thrown.InnerException is ArgumentNullException refused)
                    {
                        if (refused.ParamName != parameter.Name)
                        {
                            failures.Add($"{name} threw ArgumentNullException for '{refused.ParamName}'");
                        }
                    }
                    catch (TargetInvocationException thrown)
                    {
                        failures.Add($"{name} threw {thrown.InnerException?.GetType().Name}: {thrown.InnerException?.Message}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(swept > 40, $"only {swept} parameters swept: did the sweep stop finding the entries?");
    }

    /// <summary>A valid value of each parameter type, consistent with each other (X fits the network, the forward pass is its own).</summary>
    private sealed class Samples
    {
        private readonly Dictionary<Type, object> _values;

        public Samples()
        {
            var (network, x, y) = RandomProblem.Original();
            var forward = network.Forward(x);
            var gradients = network.Backward(forward, y);
            _values = new()
            {
                [typeof(Network)] = network,
                [typeof(Matrix<double>)] = x,
                [typeof(Vector<double>)] = Vector<double>.Build.Dense(3, 1.0),
                [typeof(ForwardPass)] = forward,
                [typeof(Gradients)] = gradients,
                [typeof(NumPyRandom)] = new NumPyRandom(0),
                [typeof(IReadOnlyList<int>)] = new[] { 3, 2, 2, 1 },
                [typeof(IReadOnlyList<double>)] = new[] { 0.5 },
                [typeof(IReadOnlyList<string>)] = new[] { "a", "b", "c" },
                [typeof(IEnumerable<Matrix<double>>)] = network.Weights,
                [typeof(IEnumerable<Vector<double>>)] = network.Biases,
                [typeof(IReadOnlyList<Matrix<double>>)] = gradients.Weights,
                [typeof(IReadOnlyList<Vector<double>>)] = gradients.Biases,
                [typeof(bool[,])] = new bool[2, 2],
                [typeof(string)] = "message",
                [typeof(Exception)] = new InvalidOperationException("inner"),
                [typeof(Action<int, double>)] = new Action<int, double>((_, _) => { }),
                [typeof(Action<EpochDetails>)] = new Action<EpochDetails>(_ => { }),
                [typeof(ITrainingMethod)] = Trainer.Readable,
                [typeof(Standardization)] = Standardization.Fit(x),
                [typeof(Dataset)] = new Dataset(x, y, ["a", "b", "c"], ["y"]),
                [typeof(RandomProblem)] = RandomProblem.Original(),
                [typeof(GradientCheckResult)] = GradientCheck.Run(network, x, y),
                [typeof(InvalidInputException)] = new InvalidInputException("message"),
                [typeof(TrainingDivergedException)] = TrainingDivergedException.FromLoss(1, [0.5], 0.01, double.NaN)!,
                [typeof(double)] = 0.01,
                [typeof(int)] = 1,
                [typeof(long)] = 0L,
            };
        }

        /// <summary>The argument for <paramref name="parameter"/>: its default if it has one, null where null is allowed, else a sample.</summary>
        public object? For(ParameterInfo parameter, NullabilityInfoContext nullability, string entry) =>
            parameter.HasDefaultValue ? parameter.DefaultValue
            : !parameter.ParameterType.IsValueType && nullability.Create(parameter).WriteState == NullabilityState.Nullable ? null
            : parameter.ParameterType.IsEnum ? Enum.GetValues(parameter.ParameterType).GetValue(0)
            : Of(parameter.ParameterType, entry);

        public object Of(Type type, string entry) =>
            _values.TryGetValue(type, out var value)
                ? value
                : throw new InvalidOperationException($"No sample {type} for {entry}: add one to PublicEntryNullTests.Samples.");
    }
}
