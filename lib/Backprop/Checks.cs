using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Checks that data fits a network before any arithmetic runs, with messages in the user's terms
/// ("X has 4 columns but the first layer expects 3").
/// </summary>
internal static class Checks
{
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

    /// <summary>Checks a learning rate: a finite number above zero.</summary>
    public static void RequireLearningRate(double learningRate)
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
        {
            throw new InvalidInputException(
                $"The learning rate is {learningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}: " +
                "it must be a finite number above 0, such as 0.01.");
        }
    }

    /// <summary>Everything a training run needs: data that fits the network, a valid learning rate, epochs ≥ 0.</summary>
    public static void TrainingRun(Network network, Matrix<double>? input, Matrix<double>? target, int epochs, double learningRate)
    {
        RequireTarget(network, input, target);
        RequireLearningRate(learningRate);
        if (epochs < 0)
        {
            throw new InvalidInputException($"The number of epochs is {epochs}: it must be 0 or more.");
        }
    }

    private static void RequireFinite(Matrix<double> m, string name)
    {
        for (var row = 0; row < m.RowCount; row++)
        {
            for (var column = 0; column < m.ColumnCount; column++)
            {
                if (!double.IsFinite(m[row, column]))
                {
                    throw new InvalidInputException(
                        $"{name} has {m[row, column].ToString(System.Globalization.CultureInfo.InvariantCulture)} at row {row + 1}, column {column + 1}: " +
                        "every value must be a finite number; remove or fill that value.");
                }
            }
        }
    }
}
