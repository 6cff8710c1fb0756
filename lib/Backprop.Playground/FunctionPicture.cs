using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Playground;

/// <summary>For 1-D data: the function to fit, its sample points, and the network's prediction over the whole input range.</summary>
public static class FunctionPicture
{
    /// <summary>Points on the prediction curve: enough to show every kink sharply.</summary>
    public const int CurvePoints = 241;

    /// <summary>
    /// The target (orange dots at the training points, a dashed line for the function) and the network's prediction
    /// (blue), from <see cref="TrainingData.FunctionFrom"/> to <see cref="TrainingData.FunctionTo"/>.
    /// </summary>
    public static string Draw(Network network, TrainingData data, double width = 460, double height = 230)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var function = data.Function ?? throw new InvalidInputException("Only 1-D functions have a curve to draw.");
        var plot = new SvgPlot(width, height, $"Prediction (blue) against the target {data.TargetName} (orange)", $"Prediction against the target {data.TargetName}");
        var (left, right, top, bottom) = (40.0, width - 12, 24.0, height - 24);
        var grid = Grid();
        var prediction = network.Predict(grid).Column(0).ToArray();
        var target = grid.Column(0).Select(function).ToArray();
        var (low, high) = (Math.Min(-0.1, target.Min() - 0.25), Math.Max(0.1, target.Max() + 0.25));
        double X(double x) => SvgPlot.Scale(x, TrainingData.FunctionFrom, TrainingData.FunctionTo, left, right);
        double Y(double y) => SvgPlot.Scale(Math.Clamp(y, low, high), low, high, bottom, top);

        plot.Line(left, Y(0), right, Y(0), SvgPlot.Grid);
        plot.Line(X(0), top, X(0), bottom, SvgPlot.Grid);
        plot.Text(left - 4, Y(high) + 8, SvgPlot.Label(high), SvgPlot.Muted, "end");
        plot.Text(left - 4, Y(low), SvgPlot.Label(low), SvgPlot.Muted, "end");
        plot.Text(left, bottom + 14, SvgPlot.Label(TrainingData.FunctionFrom), SvgPlot.Muted);
        plot.Text(right, bottom + 14, SvgPlot.Label(TrainingData.FunctionTo), SvgPlot.Muted);
        plot.Polyline(grid.Column(0).Select((x, i) => (X(x), Y(target[i]))), SvgPlot.Target, 1.2, "target", "4 3");
        for (var i = 0; i < data.X.RowCount; i++)
        {
            plot.Dot(X(data.X[i, 0]), Y(data.Y[i, 0]), 3, SvgPlot.Target);
        }

        plot.Polyline(grid.Column(0).Select((x, i) => (X(x), Y(double.IsFinite(prediction[i]) ? prediction[i] : 0))), SvgPlot.Prediction, 2.2, "prediction");
        return plot.ToSvg();
    }

    /// <summary>The inputs the curves are drawn at.</summary>
    internal static Matrix<double> Grid(int points = CurvePoints) =>
        Matrix<double>.Build.Dense(points, 1, (i, _) =>
            TrainingData.FunctionFrom + ((TrainingData.FunctionTo - TrainingData.FunctionFrom) * i / (points - 1)));
}
