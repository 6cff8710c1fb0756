using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>Lesson 2's exercise as the notebook's check cell grades it: the grader calls the student's LayersTwoAndOne.</summary>
public class LayersExerciseTests
{
    private static volatile bool _spinning;

    private static GradingReport Grade(LayersTwoAndOneFunction? student, double seconds = 30) => BackwardGrader.LayersTwoAndOne(student, TimeSpan.FromSeconds(seconds));

    /// <summary>The lesson's solution, with one line replaceable.</summary>
    private static (Matrix<double>? dL_da2, Matrix<double>? dL_dz2, Matrix<double>? dL_dW2, Vector<double>? dL_db2,
                    Matrix<double>? dL_da1, Matrix<double>? dL_dz1, Matrix<double>? dL_dW1, Vector<double>? dL_db1)
        Solution(Matrix<double> X, Matrix<double> z1, Matrix<double> a1, Matrix<double> z2, Matrix<double> W2, Matrix<double> W3, Matrix<double> dL_dy, string slip = "")
    {
        var dL_da2 = slip == "dL_dy * W3" ? dL_dy * W3 : dL_dy * W3.Transpose();
        var dL_dz2 = dL_da2.PointwiseMultiply(Activation.ReluDerivative(z2));
        var dL_dW2 = slip == "a1 * dL_dz2" ? a1 * dL_dz2 : a1.Transpose() * dL_dz2;
        var dL_db2 = dL_dz2.ColumnSums();
        var dL_da1 = slip == "dL_dz2 * W2" ? dL_dz2 * W2 : dL_dz2 * W2.Transpose();
        var dL_dz1 = slip == "dL_da1 * relu'(z1)" ? dL_da1 * Activation.ReluDerivative(z1) : dL_da1.PointwiseMultiply(Activation.ReluDerivative(z1));
        var dL_dW1 = X.Transpose() * dL_dz1;
        var dL_db1 = dL_dz1.ColumnSums();
        return (dL_da2, dL_dz2, dL_dW2, dL_db2, dL_da1, dL_dz1, dL_dW1, dL_db1);
    }

    [Fact]
    public void The_lessons_solution_passes_layers_two_and_one_only()
    {
        var report = Grade((X, z1, a1, z2, W2, W3, dL_dy) => Solution(X, z1, a1, z2, W2, W3, dL_dy));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["dL_da2", "dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1"], report.Items.Select(item => item.Name));
    }

    [Fact]
    public void The_untouched_exercise_earns_no_tick_at_all()
    {
        var report = Grade((_, _, _, _, _, _, _) => (null, null, null, null, null, null, null, null));

        Assert.Equal(8, report.Items.Count);
        Assert.All(report.Items, item => Assert.Equal(Mistake.NotDone, item.Mistake));
        Assert.DoesNotContain("✔", report.ToString());
    }

    [Theory]
    [InlineData("dL_dy * W3", "dL_dy (10×1) * W3 (3×1) don't fit: did you mean dL_dy * W3.Transpose()? (dL_da2 = dL_dy @ W3.T)")]
    [InlineData("a1 * dL_dz2", "a1 (10×4) * dL_dz2 (10×3) don't fit: did you mean a1.Transpose() * dL_dz2? (dL_dW2 = a1.T @ dL_dz2)")]
    [InlineData("dL_dz2 * W2", "dL_dz2 (10×3) * W2 (4×3) don't fit: did you mean dL_dz2 * W2.Transpose()? (dL_da1 = dL_dz2 @ W2.T)")]
    [InlineData("dL_da1 * relu'(z1)", "a 10×4 matrix * a 10×4 matrix don't fit: * is the matrix product; to multiply entry by entry, write a.PointwiseMultiply(b) (dL_dz1 = dL_da1 * relu_derivative(z1))")]
    public void A_product_whose_shapes_do_not_fit_is_one_line_naming_the_transpose(string slip, string expected)
    {
        var report = Grade((X, z1, a1, z2, W2, W3, dL_dy) => Solution(X, z1, a1, z2, W2, W3, dL_dy, slip));

        var item = Assert.Single(report.Items);
        Assert.Equal(Mistake.WrongShape, item.Mistake);
        Assert.Equal($"✘ LayersTwoAndOne stopped with a shape error: {expected}", item.Message);
    }

    [Fact]
    public void The_students_own_method_name_is_used()
    {
        (Matrix<double>?, Matrix<double>?, Matrix<double>?, Vector<double>?, Matrix<double>?, Matrix<double>?, Matrix<double>?, Vector<double>?)
            MyLayers(Matrix<double> X, Matrix<double> z1, Matrix<double> a1, Matrix<double> z2, Matrix<double> W2, Matrix<double> W3, Matrix<double> dL_dy) =>
            Solution(X, z1, a1, z2, W2, W3, dL_dy, "dL_dy * W3");

        Assert.StartsWith("✘ MyLayers stopped with a shape error: ", Grade(MyLayers).ToString());
    }

    [Fact]
    public void Changing_an_argument_in_place_is_named()
    {
        var report = Grade((X, z1, a1, z2, W2, W3, dL_dy) =>
        {
            var result = Solution(X, z1, a1, z2, W2, W3, dL_dy);
            W2.Clear();
            return result;
        });

        Assert.Equal(Mistake.ChangesItsInput, report["LayersTwoAndOne keeps its input"].Mistake);
        Assert.StartsWith("✘ LayersTwoAndOne changed W2, given to it", report["LayersTwoAndOne keeps its input"].Message);
        Assert.True(report["dL_dW1"].Passed);
    }

    [Fact]
    public void Throwing_null_a_loop_and_recursion_each_give_one_line()
    {
        Assert.Equal(Mistake.NotDone, Assert.Single(Grade(null).Items).Mistake);
        Assert.Equal("✘ LayersTwoAndOne threw IndexOutOfRangeException: no", Grade((_, _, _, _, _, _, _) => throw new IndexOutOfRangeException("no")).ToString());
        Assert.Equal(Mistake.Recursion, Assert.Single(Grade(Recursive).Items).Mistake);

        _spinning = true;
        try
        {
            var loop = Grade(
                (X, z1, a1, z2, W2, W3, dL_dy) =>
                {
                    while (_spinning)
                    {
                    }

                    return Solution(X, z1, a1, z2, W2, W3, dL_dy);
                },
                seconds: 0.3);
            Assert.Equal(Mistake.TimedOut, Assert.Single(loop.Items).Mistake);
        }
        finally
        {
            _spinning = false;
        }
    }

    private static (Matrix<double>?, Matrix<double>?, Matrix<double>?, Vector<double>?, Matrix<double>?, Matrix<double>?, Matrix<double>?, Vector<double>?)
        Recursive(Matrix<double> X, Matrix<double> z1, Matrix<double> a1, Matrix<double> z2, Matrix<double> W2, Matrix<double> W3, Matrix<double> dL_dy) =>
        Recursive(X, z1, a1, z2, W2, W3, dL_dy);
}
