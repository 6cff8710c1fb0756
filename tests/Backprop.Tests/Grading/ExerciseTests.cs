using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>The notebook entry points: an untouched exercise never earns a ✔ and never shows a stack trace.</summary>
public class ExerciseTests
{
    [Fact]
    public void Every_untouched_exercise_says_only_not_done_yet()
    {
        Matrix<double> my_relu_derivative(Matrix<double> x) => throw new NotImplementedException();
        Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred) => throw new NotImplementedException();
        (Matrix<double>?, Matrix<double>?, Matrix<double>?, Vector<double>?, Matrix<double>?, Matrix<double>?, Matrix<double>?, Vector<double>?)
            LayersTwoAndOne(Matrix<double> X, Matrix<double> z1, Matrix<double> a1, Matrix<double> z2, Matrix<double> W2, Matrix<double> W3, Matrix<double> dL_dy) =>
            (null, null, null, null, null, null, null, null);
        AutogradGraderTests.Value? LeakyRelu(AutogradGraderTests.Value z) => null;
        var problem = RandomProblem.Original();
        var check = GradientCheck.Run(problem.Network, problem.X, problem.Y);

        GradingReport[] reports =
        [
            Exercise.CheckReluDerivative(my_relu_derivative),
            Exercise.CheckMseDerivative(my_mse_derivative),
            Exercise.CheckLayersTwoAndOne(LayersTwoAndOne),
            Exercise.CheckPredictedWrong([], check),
            Exercise.CheckLargestSafeRate(null),
            Exercise.CheckScaling(problem.X, problem.Y, null, null, ' '),
            Exercise.CheckZeroGradients([]),
            Exercise.CheckLeakyRelu((Func<AutogradGraderTests.Value, AutogradGraderTests.Value?>)LeakyRelu),
        ];

        Assert.All(reports, report => Assert.All(report.Items, item =>
        {
            Assert.Equal(Mistake.NotDone, item.Mistake);
            Assert.StartsWith("○ ", item.Message);
        }));
        Assert.Equal("○ my_relu_derivative: not done yet; replace throw new NotImplementedException() with your code", reports[0].ToString());
    }
}
