using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Checks that data fits a network before any arithmetic runs, with messages in the user's terms
/// ("X has 4 columns but the first layer expects 3").
/// </summary>
public static class DataChecks
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
        var outputs = network.LayerSizes[^1];
        if (target is null || target.RowCount == 0)
        {
            throw new InvalidInputException("y has no rows: give one target row per sample of X.");
        }

        if (target.RowCount != input!.RowCount)
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
    public static void RequireTrainingRun(Network network, Matrix<double>? input, Matrix<double>? target, int epochs, double learningRate)
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
