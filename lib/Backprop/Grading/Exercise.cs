using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// The check of every exercise in the four lessons, one method each, for a notebook's check cell:
/// <c>display(Exercise.CheckReluDerivative(my_relu_derivative));</c>. Each returns a <see cref="GradingReport"/>, one
/// line per item: ✔ right, ✘ wrong with a hint that names the mistake, ○ not done yet.
/// </summary>
/// <remarks>
/// Every check runs the student's code through <see cref="StudentCode"/>, so an exception, an endless loop, a
/// recursion or <c>Environment.Exit</c> becomes one line instead of a crash, a hang or a lost kernel. The right answers
/// are computed or held inside the library, never in a notebook cell, and written answers are compared by one rule:
/// case, spaces and quotes don't matter (<c>'B'</c> is <c>b</c>, <c>"W1[0, 1]"</c> is <c>W1[0,1]</c>).
/// </remarks>
public static class Exercise
{
    /// <summary>Lesson 1, exercise 1: <c>relu_derivative(x) = (x &gt; 0).astype(float)</c>, tried on fresh inputs.</summary>
    /// <param name="my_relu_derivative">The student's function (its name is used in the messages).</param>
    public static GradingReport CheckReluDerivative(Func<Matrix<double>, Matrix<double>>? my_relu_derivative) =>
        FunctionGrader.ReluDerivative(my_relu_derivative);

    /// <summary>Lesson 1, exercise 2: <c>mse_derivative(y_true, y_pred) = 2 * (y_pred - y_true) / y_true.size</c>.</summary>
    /// <param name="my_mse_derivative">The student's function, called as <c>my_mse_derivative(y_true, y_pred)</c>.</param>
    public static GradingReport CheckMseDerivative(Func<Matrix<double>, Matrix<double>, Matrix<double>>? my_mse_derivative) =>
        FunctionGrader.MseDerivative(my_mse_derivative);

    /// <summary>Lesson 2, exercise 1: the backward pass of layers 2 and 1, run on a wider network (3-4-3-1) so every shape differs.</summary>
    /// <param name="LayersTwoAndOne">The student's function (the notebook's method converts by name).</param>
    public static GradingReport CheckLayersTwoAndOne(LayersTwoAndOneFunction? LayersTwoAndOne) =>
        BackwardGrader.LayersTwoAndOne(LayersTwoAndOne);

    /// <summary>Lesson 2, exercise 2: which parameters the gradient check finds wrong when relu'(z2) is left out.</summary>
    /// <param name="predictedWrong">The parameters the student expects to be wrong: <c>["W2", "b2"]</c>.</param>
    /// <param name="buggyCheck">The gradient check of the planted bug, as the lesson runs it.</param>
    public static GradingReport CheckPredictedWrong(IEnumerable<string>? predictedWrong, GradientCheckResult buggyCheck) =>
        PredictionGrader.Check(predictedWrong, buggyCheck);

    /// <summary>Lesson 3, exercise 1: the largest learning rate, in steps of 0.01, that keeps both units of layer 2 alive.</summary>
    /// <param name="largestSafeRate">The student's answer; null is "not done yet". A rate at which training diverges is reported, not thrown.</param>
    public static GradingReport CheckLargestSafeRate(double? largestSafeRate) =>
        ExperimentGrader.LargestSafeRate(largestSafeRate);

    /// <summary>Lesson 3, exercise 2: features and target standardized with their own training statistics, and why features alone fail.</summary>
    /// <param name="XTrain">The training features, as the lesson split them.</param>
    /// <param name="yTrain">The training rentals.</param>
    /// <param name="XTrainStandardized">The student's scaled features; null is "not done yet".</param>
    /// <param name="yTrainStandardized">The student's scaled rentals; null is "not done yet".</param>
    /// <param name="whyFeaturesOnlyFails">The student's choice, <c>'a'</c>, <c>'b'</c> or <c>'c'</c>; <c>' '</c> is "not done yet".</param>
    public static GradingReport CheckScaling(
        Matrix<double> XTrain, Matrix<double> yTrain, Matrix<double>? XTrainStandardized, Matrix<double>? yTrainStandardized, char whyFeaturesOnlyFails) =>
        ExperimentGrader.Scaling(XTrain, yTrain, XTrainStandardized, yTrainStandardized, Answers.FromChar(whyFeaturesOnlyFails));

    /// <summary>Lesson 3, exercise 2, with the choice written as a string (<c>"b"</c>).</summary>
    /// <param name="XTrain">The training features, as the lesson split them.</param>
    /// <param name="yTrain">The training rentals.</param>
    /// <param name="XTrainStandardized">The student's scaled features; null is "not done yet".</param>
    /// <param name="yTrainStandardized">The student's scaled rentals; null is "not done yet".</param>
    /// <param name="whyFeaturesOnlyFails">The student's choice, <c>"a"</c>, <c>"b"</c> or <c>"c"</c>; empty is "not done yet".</param>
    public static GradingReport CheckScaling(
        Matrix<double> XTrain, Matrix<double> yTrain, Matrix<double>? XTrainStandardized, Matrix<double>? yTrainStandardized, string? whyFeaturesOnlyFails) =>
        ExperimentGrader.Scaling(XTrain, yTrain, XTrainStandardized, yTrainStandardized, whyFeaturesOnlyFails);

    /// <summary>Lesson 4, exercise 1: the parameters whose gradient is exactly 0 for sample 1, as the picture names them.</summary>
    /// <param name="zeroGradients">The student's list, <c>["W1[0,1]", "b1[1]", …]</c>; empty is "not done yet".</param>
    public static GradingReport CheckZeroGradients(IEnumerable<string>? zeroGradients) =>
        AutogradGrader.ZeroGradients(zeroGradients);

    /// <summary>Lesson 4, exercise 2: a leaky ReLU built from the lesson's <c>Value</c> operations.</summary>
    /// <param name="LeakyRelu">The student's function of one <c>Value</c> (the notebook's method converts to <see cref="Delegate"/> by name).</param>
    public static GradingReport CheckLeakyRelu(Delegate? LeakyRelu) =>
        AutogradGrader.LeakyRelu(LeakyRelu);
}
