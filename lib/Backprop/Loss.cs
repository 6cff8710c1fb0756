using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>The mean squared error loss and its derivative.</summary>
public static class Loss
{
    /// <summary><c>mse(y_true, y_pred) = np.mean((y_true - y_pred) ** 2)</c>.</summary>
    /// <exception cref="ArgumentNullException">One of them is null.</exception>
    /// <exception cref="InvalidInputException">The two are empty or of different shapes.</exception>
    public static double Mse(Matrix<double> target, Matrix<double> prediction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        Checks.RequireSameNonEmpty(target, prediction, "the targets", "the predictions");
        return MseCore(target, prediction);
    }

    /// <summary>
    /// <c>mse_derivative(y_true, y_pred) = 2 * (y_pred - y_true) / y_true.size</c>: how the loss changes with
    /// each prediction.
    /// </summary>
    /// <exception cref="ArgumentNullException">One of them is null.</exception>
    /// <exception cref="InvalidInputException">The two are empty or of different shapes.</exception>
    public static Matrix<double> MseDerivative(Matrix<double> target, Matrix<double> prediction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        Checks.RequireSameNonEmpty(target, prediction, "the targets", "the predictions");
        return MseDerivativeCore(target, prediction);
    }

    internal static double MseCore(Matrix<double> target, Matrix<double> prediction)
    {
        var sum = 0.0;
        for (var row = 0; row < target.RowCount; row++)
        {
            for (var column = 0; column < target.ColumnCount; column++)
            {
                var difference = target[row, column] - prediction[row, column];
                sum += difference * difference;
            }
        }

        return sum / (target.RowCount * target.ColumnCount);
    }

    internal static Matrix<double> MseDerivativeCore(Matrix<double> target, Matrix<double> prediction)
    {
        double size = target.RowCount * target.ColumnCount;
        return prediction.Map2((predicted, wanted) => 2.0 * (predicted - wanted) / size, target);
    }
}
