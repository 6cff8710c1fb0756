using System.Globalization;
using MathNet.Numerics.LinearAlgebra;


namespace Backprop;

/// <summary>
/// Checks that data fits a network before any arithmetic runs, with messages in the user's terms
/// ("X has 4 columns but the first layer expects 3").
/// </summary>
/// <remarks>
/// The rules for the numbers that set up a run (seed, learning rate, epochs, samples, layer sizes) are written once,
/// as the <c>…Problem</c> functions: each returns null when the value is fine, or the problem as a phrase. The library
/// puts the value's name in words before it ("The number of epochs is -1: it must be 0 or more."), the console
/// program its option ("--epochs is -1: it must be 0 or more.").
/// </remarks>
internal static class Checks
{
    /// <summary>What is wrong with a seed, after "The seed 5000000000" or "--seed '5000000000'"; null if NumPy accepts it.</summary>
    public static string? SeedProblem(long seed) =>
        seed is >= 0 and <= uint.MaxValue ? null : "is not a valid seed: use a whole number from 0 to 4294967295";

    /// <summary>What is wrong with a learning rate, after "… is 0: the learning rate"; null if it is a finite number above 0.</summary>
    public static string? LearningRateProblem(double learningRate) =>
        double.IsFinite(learningRate) && learningRate > 0 ? null : "must be a finite number above 0, for example 0.01";

    /// <summary>What is wrong with a count (epochs 0 or more, samples 1 or more), after "… is -5: it"; null if it is at least <paramref name="minimum"/>.</summary>
    public static string? CountProblem(long count, int minimum) =>
        count >= minimum ? null : $"must be {minimum} or more";

    /// <summary>What is wrong with the size of a matrix to allocate, after "Cannot draw a 10×3 matrix:"; null if .NET can hold it.</summary>
    public static string? MatrixSizeProblem(long rows, long columns) =>
        rows >= 0 && columns >= 0 && rows * columns <= Array.MaxLength
            ? null
            : $"the sizes must be 0 or more and their product at most {Array.MaxLength}";

    /// <summary>
    /// What is wrong with a list of layer sizes, starting with the word or colon that follows the list
    /// ("3 has fewer than two layers…", "3,0,1: layer 2 has 0 units…"); null if it describes a network.
    /// </summary>
    public static string? LayerSizesProblem(IReadOnlyList<int> layerSizes)
    {
        if (layerSizes.Count < 2)
        {
            return " has fewer than two layers: list inputs and outputs at least, for example 3,2,2,1";
        }

        for (var i = 0; i < layerSizes.Count; i++)
        {
            if (layerSizes[i] < 1)
            {
                return $": layer {i + 1} has {layerSizes[i]} units; every layer needs at least 1";
            }
        }

        return null;
    }

    /// <summary>Checks a seed: 0 to 4294967295, as <c>np.random.seed</c> accepts.</summary>
    public static void RequireSeed(long seed)
    {
        if (SeedProblem(seed) is { } problem)
        {
            throw new InvalidInputException($"The seed {seed} {problem}, as NumPy's np.random.seed requires.");
        }
    }

    /// <summary>Checks a number of random samples: 1 or more.</summary>
    public static void RequireSamples(int samples)
    {
        if (CountProblem(samples, minimum: 1) is { } problem)
        {
            throw new InvalidInputException($"The number of samples is {samples}: it {problem}.");
        }
    }

    /// <summary>Checks a list of layer sizes: at least two layers, each of at least one unit.</summary>
    public static void RequireLayerSizes(IReadOnlyList<int>? layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (LayerSizesProblem(layerSizes) is { } problem)
        {
            throw new InvalidInputException($"The layer list {string.Join(',', layerSizes)}{problem}.");
        }
    }

    /// <summary>Checks X: not empty, finite, one column per input unit.</summary>
    public static void RequireInput(Network network, Matrix<double>? input)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (input is null || input.RowCount == 0)
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
        var outputs = network.LayerSizes[^1];
        if (target is null || target.RowCount == 0)
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

    /// <summary>Checks that gradients have one entry per layer, each shaped like the parameter it belongs to.</summary>
    public static void RequireGradientsFor(Network network, Gradients? gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        RequireGradientsFor(network, gradients.Weights, gradients.Biases);
    }

    /// <summary>Checks hand-computed gradients: one per layer, each shaped like its parameter.</summary>
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
            var dW = weights[i] ?? throw new InvalidInputException($"dL_dW{i + 1} is missing (null): give a {Shapes.Of(w)} matrix.");
            var db = biases[i] ?? throw new InvalidInputException($"dL_db{i + 1} is missing (null): give a vector of {network.Biases[i].Count} values.");
            if (dW.RowCount != w.RowCount || dW.ColumnCount != w.ColumnCount)
            {
                throw new InvalidInputException(
                    $"dL_dW{i + 1} is {Shapes.Of(dW)} but W{i + 1} is {Shapes.Of(w)}: a gradient has the shape of its parameter.");
            }

            if (db.Count != network.Biases[i].Count)
            {
                throw new InvalidInputException(
                    $"dL_db{i + 1} has {db.Count} values but b{i + 1} has {network.Biases[i].Count}: a gradient has the shape of its parameter.");
            }
        }
    }

    /// <summary>Whether every entry of <paramref name="m"/> is a finite number.</summary>
    public static bool AllFinite(Matrix<double> m) => m.Enumerate().All(double.IsFinite);

    /// <summary>Whether every entry of <paramref name="v"/> is a finite number.</summary>
    public static bool AllFinite(Vector<double> v) => v.All(double.IsFinite);

    /// <summary>Checks a learning rate: a finite number above zero.</summary>
    public static void RequireLearningRate(double learningRate)
    {
        if (LearningRateProblem(learningRate) is { } problem)
        {
            throw new InvalidInputException($"The learning rate is {learningRate.ToString(CultureInfo.InvariantCulture)}: it {problem}.");
        }
    }

    /// <summary>Everything a training run needs: data that fits the network, a valid learning rate, epochs ≥ 0.</summary>
    public static void TrainingRun(Network network, Matrix<double>? input, Matrix<double>? target, int epochs, double learningRate)
    {
        RequireTarget(network, input, target);
        RequireLearningRate(learningRate);
        if (CountProblem(epochs, minimum: 0) is { } problem)
        {
            throw new InvalidInputException($"The number of epochs is {epochs}: it {problem}.");
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
}
