using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Grades a student's hand-written backward pass (and update) against <see cref="Network.Backward"/>, and
/// recognises the usual mistakes from the numbers alone: a missing transpose, <c>relu'</c> left out, the 2 of the
/// MSE derivative dropped, a sum over the wrong axis, a weight updated before the gradients that need it, the wrong sign.
/// </summary>
/// <remarks>
/// Layers are named as in the lessons, from 1: <c>dL_dW1</c> belongs to <c>W1</c>. Every list is first layer first, and
/// any entry may be null (or the list shorter, or null): that item says "not done yet".
/// </remarks>
public static class BackwardGrader
{
    /// <summary>The lessons' learning rate, used to recognise a weight updated too early.</summary>
    public const double LessonLearningRate = 0.01;

    /// <summary>Grades the student's gradients (and, if given, their intermediates and updated parameters).</summary>
    /// <param name="network">The network as it was before the step (not the student's updated one).</param>
    /// <param name="X">The inputs.</param>
    /// <param name="y">The targets.</param>
    /// <param name="dL_dW">The student's <c>dL_dW1, dL_dW2, …</c>.</param>
    /// <param name="dL_db">The student's <c>dL_db1, dL_db2, …</c>.</param>
    /// <param name="dL_dz">Optional: the student's <c>dL_dz1, dL_dz2, …</c> for the hidden layers.</param>
    /// <param name="dL_da">Optional: the student's <c>dL_da1, dL_da2, …</c> for the hidden layers.</param>
    /// <param name="newW">Optional: the student's weights after the update <c>W -= lr * dL_dW</c>.</param>
    /// <param name="newB">Optional: the student's biases after the update <c>b -= lr * dL_db</c>.</param>
    /// <param name="learningRate">The learning rate of the step.</param>
    /// <returns>One item per quantity, in the order the backward pass computes them (<c>dL_dW3, dL_db3, dL_da2, …</c>), then the updated parameters.</returns>
    /// <exception cref="InvalidInputException">X and y do not fit the network, or the learning rate is not a number above 0.</exception>
    public static GradingReport Check(
        Network network,
        Matrix<double> X,
        Matrix<double> y,
        IReadOnlyList<Matrix<double>?>? dL_dW,
        IReadOnlyList<Vector<double>?>? dL_db,
        IReadOnlyList<Matrix<double>?>? dL_dz = null,
        IReadOnlyList<Matrix<double>?>? dL_da = null,
        IReadOnlyList<Matrix<double>?>? newW = null,
        IReadOnlyList<Vector<double>?>? newB = null,
        double learningRate = LessonLearningRate)
    {
        ArgumentNullException.ThrowIfNull(network);
        Checks.RequireTarget(network, X, y);
        Checks.RequireLearningRate(learningRate);
        var quantities = new BackwardQuantities(network, X, y, learningRate);

        var items = new List<GradingItem>();
        for (var i = network.LayerCount - 1; i >= 0; i--)
        {
            if (i < network.LayerCount - 1)
            {
                Grade(items, dL_da, i, quantities.dL_da);
                Grade(items, dL_dz, i, quantities.dL_dz);
            }

            Grade(items, dL_dW ?? [], i, quantities.dL_dW);
            Grade(items, (dL_db ?? []).Select(Row).ToArray(), i, quantities.dL_db);
        }

        for (var i = 0; i < network.LayerCount; i++)
        {
            Grade(items, newW, i, quantities.NewW);
            Grade(items, newB?.Select(Row).ToArray(), i, quantities.NewB);
        }

        return new GradingReport(items);
    }

    /// <summary>Adds the item for layer <paramref name="i"/>, unless the student was not asked for this quantity (a null list).</summary>
    private static void Grade(List<GradingItem> items, IReadOnlyList<Matrix<double>?>? student, int i, Func<int, Quantity> quantity)
    {
        if (student is not null)
        {
            items.Add(quantity(i).Judge(i < student.Count ? student[i] : null));
        }
    }

    private static Matrix<double>? Row(Vector<double>? v) => v?.ToRowMatrix();
}
