using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>The mean squared error loss and its derivative.</summary>
public static class Loss
{
    /// <summary><c>mse(y_true, y_pred) = np.mean((y_true - y_pred) ** 2)</c>.</summary>
    public static double Mse(Matrix<double> target, Matrix<double> prediction)
    {
        Shapes.RequireSame(target, prediction, "the targets", "the predictions");
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

    /// <summary>
    /// <c>mse_derivative(y_true, y_pred) = 2 * (y_pred - y_true) / y_true.size</c>: how the loss changes with
    /// each prediction.
    /// </summary>
    public static Matrix<double> MseDerivative(Matrix<double> target, Matrix<double> prediction)
    {
        Shapes.RequireSame(target, prediction, "the targets", "the predictions");
        double size = target.RowCount * target.ColumnCount;
        return prediction.Map2((predicted, wanted) => 2.0 * (predicted - wanted) / size, target);
    }
}
