using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// The library's guards: each checks what a public entry was handed, before any arithmetic runs, and throws
/// <see cref="InvalidInputException"/> with a message in the user's terms ("X has 4 columns but the first layer
/// expects 3"). The rules for single numbers are <see cref="InputRules"/>'; whether numbers are finite is
/// <see cref="Finite"/>'s.
/// </summary>
internal static class Checks
{
    /// <summary>Checks a seed: 0 to 4294967295, as <c>np.random.seed</c> accepts.</summary>
    public static void RequireSeed(long seed)
    {
        if (InputRules.SeedProblem(seed) is { } problem)
        {
            throw new InvalidInputException($"The seed {seed} {problem}, as NumPy's np.random.seed requires.");
        }
    }

    /// <summary>Checks a number of random samples: 1 or more.</summary>
    public static void RequireSamples(int samples)
    {
        if (InputRules.CountProblem(samples, minimum: 1) is { } problem)
        {
            throw new InvalidInputException($"The number of samples is {samples}: it {problem}.");
        }
    }

    /// <summary>Checks the size of a matrix to draw: one .NET array can hold it.</summary>
    public static void RequireDrawableSize(int rows, int columns)
    {
        if (InputRules.MatrixSizeProblem(rows, columns) is { } problem)
        {
            throw new InvalidInputException($"Cannot draw a {rows}×{columns} matrix: {problem}. Use fewer samples or smaller layers.");
        }
    }

    /// <summary>Checks a list of layer sizes: at least two layers, each of at least one unit.</summary>
    public static void RequireLayerSizes(IReadOnlyList<int>? layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (InputRules.LayerSizesProblem(layerSizes) is { } problem)
        {
            throw new InvalidInputException($"The layer list {string.Join(',', layerSizes)}{problem}.");
        }
    }

    /// <summary>Checks a learning rate: a finite number above zero.</summary>
    public static void RequireLearningRate(double learningRate)
    {
        if (InputRules.LearningRateProblem(learningRate) is { } problem)
        {
            throw new InvalidInputException($"The learning rate is {learningRate.ToString(CultureInfo.InvariantCulture)}: it {problem}.");
        }
    }

    /// <summary>Everything a training run needs: data that fits the network, a valid learning rate, epochs ≥ 0.</summary>
    public static void TrainingRun(Network network, Matrix<double>? input, Matrix<double>? target, int epochs, double learningRate)
    {
        RequireTarget(network, input, target);
        RequireLearningRate(learningRate);
        if (InputRules.CountProblem(epochs, minimum: 0) is { } problem)
        {
            throw new InvalidInputException($"The number of epochs is {epochs}: it {problem}.");
        }
    }

    /// <summary>Checks X against a network whose parameters are all finite: X not empty, finite, one column per input unit.</summary>
    public static void RequireInput(Network network, Matrix<double>? input)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        RequireFiniteParameters(network);
        if (input.RowCount == 0)
        {
            throw new InvalidInputException("X has no rows: give at least one sample.");
        }

        if (input.ColumnCount != network.LayerSizes[0])
        {
            throw new InvalidInputException(
                $"X has {input.ColumnCount} columns but the first layer expects {network.LayerSizes[0]}: " +
                "give one column per input feature, or change the first layer size.");
        }

        RequireFinite(input, "X");
    }

    /// <summary>Checks X and y together: y has one row per sample of X and one column per output unit.</summary>
    public static void RequireTarget(Network network, Matrix<double>? input, Matrix<double>? target)
    {
        RequireInput(network, input);
        RequireTargetFor(network, input!, target);
    }

    /// <summary>Checks y against an X that is already checked: one row per sample, one column per output, finite.</summary>
    public static void RequireTargetFor(Network network, Matrix<double> input, Matrix<double>? target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var outputs = network.LayerSizes[^1];
        if (target.RowCount == 0)
        {
            throw new InvalidInputException("y has no rows: give one target row per sample of X.");
        }

        if (target.RowCount != input.RowCount)
        {
            throw new InvalidInputException(
                $"X has {input.RowCount} rows but y has {target.RowCount}: give one target row per sample.");
        }

        if (target.ColumnCount != outputs)
        {
            throw new InvalidInputException(
                $"y has {target.ColumnCount} columns but the last layer has {outputs} outputs: they must match.");
        }

        RequireFinite(target, "y");
    }

    /// <summary>Checks that every weight and bias is finite: only a diverged training run, or a value written into the matrices, leaves one that is not.</summary>
    public static void RequireFiniteParameters(Network network)
    {
        if (network.FirstNonFiniteParameter() is { } entry)
        {
            throw new InvalidInputException(
                $"The network's {entry.Name} is {Finite.Describe(entry.Value)}, so every prediction would be NaN: its training diverged. Train a copy made before training (Clone) with a smaller learning rate.");
        }
    }

    /// <summary>Checks that a forward pass was made by <paramref name="network"/>, and since its last update.</summary>
    public static void RequireForwardOf(Network network, ForwardPass forward)
    {
        if (!ReferenceEquals(forward.Network, network))
        {
            throw new InvalidInputException(
                "This forward pass was made by another network: call Backward on the network whose Forward made it.");
        }

        if (forward.UpdateCount != network.UpdateCount)
        {
            throw new InvalidInputException(
                "This forward pass was made before the network's last Update, so it no longer matches the weights: run Forward again, then Backward.");
        }
    }

    /// <summary>Checks gradients: one entry per layer, each shaped like the parameter it belongs to, every value finite.</summary>
    public static void RequireGradientsFor(Network network, Gradients? gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        RequireGradientsFor(network, gradients.Weights, gradients.Biases);
    }

    /// <summary>Checks hand-computed gradients: one per layer, each shaped like its parameter, every value finite.</summary>
    public static void RequireGradientsFor(Network network, IReadOnlyList<Matrix<double>?> weights, IReadOnlyList<Vector<double>?> biases)
    {
        if (weights.Count != network.LayerCount || biases.Count != network.LayerCount)
        {
            throw new InvalidInputException(
                $"The network has {network.LayerCount} layers but there are {weights.Count} weight gradients and {biases.Count} bias gradients: give one of each per layer, first layer first.");
        }

        for (var i = 0; i < network.LayerCount; i++)
        {
            var w = network.Weights[i];
            var dW = weights[i] ?? throw new InvalidInputException($"dL_dW{i + 1} is missing (null): give a {InputRules.Shape(w)} matrix.");
            var db = biases[i] ?? throw new InvalidInputException($"dL_db{i + 1} is missing (null): give a vector of {network.Biases[i].Count} values.");
            if (dW.RowCount != w.RowCount || dW.ColumnCount != w.ColumnCount)
            {
                throw new InvalidInputException(
                    $"dL_dW{i + 1} is {InputRules.Shape(dW)} but W{i + 1} is {InputRules.Shape(w)}: a gradient has the shape of its parameter.");
            }

            if (db.Count != network.Biases[i].Count)
            {
                throw new InvalidInputException(
                    $"dL_db{i + 1} has {db.Count} values but b{i + 1} has {network.Biases[i].Count}: a gradient has the shape of its parameter.");
            }
        }

        if (Finite.FirstNonFinite(weights!, biases!, "dL_dW", "dL_db") is { } entry)
        {
            throw new InvalidInputException(
                $"The gradient {entry.Name} is {Finite.Describe(entry.Value)}: every gradient must be a finite number (a NaN or ∞ would make the weights NaN).");
        }
    }

    /// <summary>Checks weights and biases that are to make a network: they chain (each layer's outputs feed the next), and every one is finite. Returns the layer sizes.</summary>
    public static IReadOnlyList<int> RequireNetworkShape(Matrix<double>?[] weights, Vector<double>?[] biases)
    {
        if (weights.Length == 0)
        {
            throw new InvalidInputException("A network needs at least one weight matrix.");
        }

        if (weights.Length != biases.Length)
        {
            throw new InvalidInputException(
                $"There are {weights.Length} weight matrices but {biases.Length} biases: each layer needs one of each.");
        }

        var sizes = new List<int>();
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i] ?? throw new InvalidInputException($"W{i + 1} is missing (null): give an n_in×n_out matrix for every layer.");
            var b = biases[i] ?? throw new InvalidInputException($"b{i + 1} is missing (null): give a vector of n_out values for every layer.");
            if (i == 0)
            {
                sizes.Add(w.RowCount);
            }

            if (w.RowCount < 1 || w.ColumnCount < 1)
            {
                throw new InvalidInputException($"W{i + 1} is {InputRules.Shape(w)}: every layer needs at least one unit.");
            }

            if (w.RowCount != sizes[^1])
            {
                throw new InvalidInputException(
                    $"W{i + 1} has {w.RowCount} rows but layer {i + 1} has {sizes[^1]} units: they must match.");
            }

            if (b.Count != w.ColumnCount)
            {
                throw new InvalidInputException(
                    $"b{i + 1} has {b.Count} values but W{i + 1} has {w.ColumnCount} columns: they must match.");
            }

            if (!Finite.All(w) || !Finite.All(b))
            {
                throw new InvalidInputException($"Layer {i + 1} has a NaN or infinite weight or bias: every parameter must be a finite number.");
            }

            sizes.Add(w.ColumnCount);
        }

        return sizes;
    }

    /// <summary>Checks two matrices that are compared entry by entry (targets and predictions): not empty, the same shape.</summary>
    public static void RequireSameNonEmpty(Matrix<double> first, Matrix<double> second, string firstName, string secondName)
    {
        if (first.RowCount == 0 || first.ColumnCount == 0)
        {
            throw new InvalidInputException($"{Capitalize(firstName)} are empty ({InputRules.Shape(first)}): give at least one value.");
        }

        if (first.RowCount != second.RowCount || first.ColumnCount != second.ColumnCount)
        {
            throw new InvalidInputException(
                $"{Capitalize(firstName)} are {InputRules.Shape(first)} but {secondName} are {InputRules.Shape(second)}: they must have the same shape.");
        }
    }

    /// <summary>Checks that a bias (a row) can be added to each row of a matrix: one value per column.</summary>
    public static void RequireBiasFits(Matrix<double> m, Vector<double> row)
    {
        if (m.ColumnCount != row.Count)
        {
            throw new InvalidInputException(
                $"Cannot add a bias of length {row.Count} to a matrix with {m.ColumnCount} columns: they must match.");
        }
    }

    /// <summary>Checks data for a scaling fitted on <paramref name="fittedColumns"/> columns: one column per fitted column.</summary>
    public static void RequireScalingColumns(Matrix<double>? data, string name, int fittedColumns)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ColumnCount != fittedColumns)
        {
            throw new InvalidInputException($"{name} has {data.ColumnCount} columns but the scaling was fitted on {fittedColumns}: they must match.");
        }
    }

    /// <summary>Checks a data set's parts: X and y have one row per sample, and there is one name per column.</summary>
    public static void RequireDataset(Matrix<double> features, Matrix<double> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames)
    {
        if (features.RowCount != targets.RowCount)
        {
            throw new InvalidInputException(
                $"X has {features.RowCount} rows but y has {targets.RowCount}: a data set needs one target row per sample.");
        }

        if (featureNames.Count != features.ColumnCount || targetNames.Count != targets.ColumnCount)
        {
            throw new InvalidInputException(
                $"X has {features.ColumnCount} columns and y {targets.ColumnCount}, but there are {featureNames.Count} feature names and {targetNames.Count} target names: give one name per column.");
        }
    }

    /// <summary>Checks the gradient check's nudge <c>h</c>: a finite number from 1e-10 to 0.1.</summary>
    public static void RequireGradientCheckStep(double step)
    {
        if (!double.IsFinite(step) || step < 1e-10 || step > 0.1)
        {
            throw new InvalidInputException(
                $"The gradient check's step h is {step.ToString(CultureInfo.InvariantCulture)}: use a number from 1e-10 to 0.1, such as 1e-5.");
        }
    }

    /// <summary>Checks that every entry of <paramref name="m"/> is finite, naming the first one that is not by row and column.</summary>
    public static void RequireFinite(Matrix<double> m, string name)
    {
        for (var row = 0; row < m.RowCount; row++)
        {
            for (var column = 0; column < m.ColumnCount; column++)
            {
                if (!double.IsFinite(m[row, column]))
                {
                    throw new InvalidInputException(
                        $"{name} has {m[row, column].ToString(CultureInfo.InvariantCulture)} at row {row + 1}, column {column + 1}: " +
                        "every value must be a finite number; remove or fill that value.");
                }
            }
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
