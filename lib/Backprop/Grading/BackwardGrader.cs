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
internal static class BackwardGrader
{
    /// <summary>The lessons' learning rate, used to recognise a weight updated too early.</summary>
    public const double LessonLearningRate = 0.01;

    /// <summary>
    /// Lesson 2's exercise: runs the student's <c>LayersTwoAndOne</c> safely (<see cref="StudentCode"/>) on a wider
    /// network than the original's (3-4-3-1, 10 samples, seed 1, so that every shape differs), checks that it left its
    /// arguments as they were, and grades layers 2 and 1 only: layer 3 is given, so it earns no ✔.
    /// </summary>
    /// <param name="layersTwoAndOne">The student's function; null is "not done yet", and so is every null it returns.</param>
    public static GradingReport LayersTwoAndOne(LayersTwoAndOneFunction? layersTwoAndOne) => LayersTwoAndOne(layersTwoAndOne, StudentCode.TimeLimit);

    /// <summary>The same, with a time limit, for tests.</summary>
    internal static GradingReport LayersTwoAndOne(LayersTwoAndOneFunction? layersTwoAndOne, TimeSpan timeLimit)
    {
        var name = StudentNames.Of(layersTwoAndOne, "LayersTwoAndOne");
        if (layersTwoAndOne is null)
        {
            return new GradingReport([GradingItem.NotDone(name, $"define {name}")]);
        }

        var (network, X, y) = RandomProblem.Draw([3, 4, 3, 1], samples: 10, seed: 1);
        var forward = network.Forward(X);
        (string Name, Matrix<double> Value)[] arguments =
        [
            ("X", X), ("z1", forward.PreActivations[0]), ("a1", forward.Activations[0]), ("z2", forward.PreActivations[1]),
            ("W2", network.Weights[1]), ("W3", network.Weights[2]), ("dL_dy", Loss.MseDerivative(y, forward.Prediction)),
        ];
        var given = arguments.Select(argument => argument.Value.Clone()).ToArray();
        var run = StudentCode.Run(name, layersTwoAndOne, () => layersTwoAndOne(given[0], given[1], given[2], given[3], given[4], given[5], given[6]),
            LayerNames(arguments, X.RowCount, network.LayerSizes), timeLimit);
        if (!run.Returned)
        {
            return new GradingReport([run.Failure]);
        }

        var r = run.Result;
        var report = Check(network, X, y, [r.dL_dW1, r.dL_dW2], [r.dL_db1, r.dL_db2], [r.dL_dz1, r.dL_dz2], [r.dL_da1, r.dL_da2], gradedLayers: 2);
        var changed = arguments.Where((argument, i) => !given[i].Equals(argument.Value)).Select(argument => argument.Name).ToList();
        return changed.Count == 0 ? report : new GradingReport([.. report.Items, GradingItem.Wrong($"{name} keeps its input", Mistake.ChangesItsInput,
            $"{name} changed {string.Join(" and ", changed)}, given to it: compute new matrices (a * b, a.Transpose() and .PointwiseMultiply(…) make new ones) and leave the arguments as they were")]);
    }

    /// <summary>The names and shapes of lesson 2's arguments and intermediates, and the products the exercise asks for, for shape errors.</summary>
    private static ShapeNames LayerNames((string Name, Matrix<double> Value)[] arguments, int samples, IReadOnlyList<int> sizes)
    {
        var names = ShapeNames.None;
        foreach (var (name, value) in arguments)
        {
            names.Operand(name, value);
        }

        return names
            .Operand("dL_da2", samples, sizes[2]).Operand("dL_dz2", samples, sizes[2]).Operand("relu_derivative(z2)", samples, sizes[2])
            .Operand("dL_da1", samples, sizes[1]).Operand("dL_dz1", samples, sizes[1]).Operand("relu_derivative(z1)", samples, sizes[1])
            .Product("dL_da2 = dL_dy @ W3.T", "dL_dy", false, "W3", true)
            .Elementwise("dL_dz2 = dL_da2 * relu_derivative(z2)", "dL_da2", "relu_derivative(z2)")
            .Product("dL_dW2 = a1.T @ dL_dz2", "a1", true, "dL_dz2", false)
            .Product("dL_da1 = dL_dz2 @ W2.T", "dL_dz2", false, "W2", true)
            .Elementwise("dL_dz1 = dL_da1 * relu_derivative(z1)", "dL_da1", "relu_derivative(z1)")
            .Product("dL_dW1 = X.T @ dL_dz1", "X", true, "dL_dz1", false);
    }

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
    /// <param name="gradedLayers">How many layers, from the first, earn an item: all of them when null.</param>
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
        double learningRate = LessonLearningRate,
        int? gradedLayers = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Checks.RequireTarget(network, X, y);
        Checks.RequireLearningRate(learningRate);
        var graded = gradedLayers ?? network.LayerCount;
        var quantities = new BackwardQuantities(network, X, y, learningRate);
        var items = new List<GradingItem>();
        for (var i = graded - 1; i >= 0; i--)
        {
            if (i < network.LayerCount - 1)
            {
                Grade(items, dL_da, i, quantities.dL_da);
                Grade(items, dL_dz, i, quantities.dL_dz);
            }

            Grade(items, dL_dW ?? [], i, quantities.dL_dW);
            Grade(items, (dL_db ?? []).Select(Row).ToArray(), i, quantities.dL_db);
        }

        for (var i = 0; i < graded; i++)
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
