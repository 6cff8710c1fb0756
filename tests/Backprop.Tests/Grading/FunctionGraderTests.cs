using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

public class FunctionGraderTests
{
    private static GradingReport Relu(Func<Matrix<double>, Matrix<double>>? student, int seed = 1) =>
        FunctionGrader.ReluDerivative(student, new Random(seed), TimeSpan.FromSeconds(5));

    private static GradingReport Mse(Func<Matrix<double>, Matrix<double>, Matrix<double>>? student, int seed = 1) =>
        FunctionGrader.MseDerivative(student, new Random(seed), TimeSpan.FromSeconds(5));

    [Fact]
    public void The_original_relu_derivative_passes()
    {
        var report = Relu(x => x.Map(v => v > 0 ? 1.0 : 0.0));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["relu_derivative(x > 0)", "relu_derivative(x < 0)", "relu_derivative(0)", "relu_derivative keeps its input"], report.Items.Select(item => item.Name));
    }

    [Fact]
    public void Messages_use_the_students_own_function_name()
    {
        Matrix<double> my_relu_derivative(Matrix<double> x) => x.Map(v => v >= 0 ? 1.0 : 0.0);

        var report = Relu(my_relu_derivative);

        var kink = report["my_relu_derivative(0)"];
        Assert.Equal(Mistake.KinkAtZero, kink.Mistake);
        Assert.Equal("✘ my_relu_derivative(0) should be 0, not 1: at the kink the original takes 0 (x >= 0 gives 1), (x > 0).astype(float)", kink.Message);
        Assert.DoesNotContain(report.Items, item => item.Message.Contains(" relu_derivative", StringComparison.Ordinal));
    }

    [Fact]
    public void Return_x_is_named_once_without_repeating_a_value()
    {
        Matrix<double> my_relu_derivative(Matrix<double> x) => x;

        var report = Relu(my_relu_derivative);

        var wrong = Assert.Single(report.Items, item => !item.Passed);
        Assert.Equal(Mistake.ReturnsItsInput, wrong.Mistake);
        Assert.Equal("✘ my_relu_derivative returns its input unchanged: it must return 1 where x > 0 and 0 elsewhere, (x > 0).astype(float)", wrong.Message);
    }

    [Fact]
    public void Returning_relu_itself_is_recognised()
    {
        var report = Relu(x => x.Map(v => Math.Max(0, v)));

        var wrong = Assert.Single(report.Items, item => !item.Passed);
        Assert.Equal(Mistake.ReluInsteadOfDerivative, wrong.Mistake);
        Assert.StartsWith("✘ relu_derivative returns relu(x) = max(0, x) itself, not its slope", wrong.Message);
    }

    [Fact]
    public void A_threshold_above_zero_is_told_with_the_small_value_it_fails_on()
    {
        var item = Relu(x => x.Map(v => v > 0.2 ? 1.0 : 0.0))["relu_derivative(x > 0)"];

        Assert.False(item.Passed);
        Assert.Matches(@"^✘ relu_derivative\(\S+\) should be 1, not 0: the slope of relu is 1 for every x > 0, however small \(a threshold above 0\?\)", item.Message);
    }

    [Fact]
    public void An_upper_limit_is_told_with_the_large_value_it_fails_on()
    {
        var item = Relu(x => x.Map(v => v > 0 && v < 5 ? 1.0 : 0.0))["relu_derivative(x > 0)"];

        Assert.False(item.Passed);
        Assert.Contains("however large (an upper limit?)", item.Message);
    }

    [Fact]
    public void A_function_that_writes_into_its_argument_is_told_so_even_when_its_values_are_right()
    {
        var report = Relu(x =>
        {
            x.MapInplace(v => v > 0 ? 1.0 : 0.0);
            return x;
        });

        Assert.True(report["relu_derivative(x > 0)"].Passed);
        Assert.Equal(Mistake.ChangesItsInput, report["relu_derivative keeps its input"].Mistake);
        Assert.StartsWith("✘ relu_derivative changed x, the matrix it was given", report["relu_derivative keeps its input"].Message);
    }

    [Fact]
    public void Not_written_yet_null_and_throwing_are_each_one_line()
    {
        Assert.Equal("○ relu_derivative: not done yet; define relu_derivative", Relu(null).ToString());
        Assert.Equal(
            "○ relu_derivative: not done yet; replace throw new NotImplementedException() with your code",
            Relu(_ => throw new NotImplementedException()).ToString());
        var returnedNull = Mse((_, _) => null!).Items[0];
        Assert.Equal(Mistake.ReturnedNull, returnedNull.Mistake);
        Assert.StartsWith("✘ mse_derivative returned null", returnedNull.Message);
        var threw = Assert.Single(Mse((t, p) => throw new InvalidOperationException("no\nsecond line")).Items);
        Assert.Equal("✘ mse_derivative threw InvalidOperationException: no", threw.Message);
    }

    [Fact]
    public void A_matrix_product_instead_of_an_entrywise_one_is_named_as_such()
    {
        var item = Assert.Single(Mse((t, p) => t * p).Items);

        Assert.Equal(Mistake.WrongShape, item.Mistake);
        Assert.Matches(@"^✘ mse_derivative stopped with a shape error: a (\d+)×(\d+) matrix \* a \1×\2 matrix don't fit: \* is the matrix product; to multiply entry by entry, write a\.PointwiseMultiply\(b\)$", item.Message);
    }

    [Fact]
    public void A_relu_derivative_of_the_wrong_shape_is_told_its_shape()
    {
        var item = Relu(x => x.Transpose().Map(v => v > 0 ? 1.0 : 0.0)).Items[0];

        Assert.Equal(Mistake.Transposed, item.Mistake);
        Assert.Matches(@"^✘ relu_derivative returned a (\d+)×(\d+) matrix for a \2×\1 x: return one value per entry of x, in its place \(a \.Transpose\(\) too many\?\)$", item.Message);
    }

    [Fact]
    public void A_nan_at_zero_is_named_with_its_input()
    {
        var item = Relu(x => x.Map(v => v / Math.Abs(v) > 0 ? 1.0 : v / Math.Abs(v) < 0 ? 0.0 : double.NaN)).Items[0];

        Assert.Equal(Mistake.NotANumber, item.Mistake);
        Assert.StartsWith("✘ relu_derivative(0) is NaN: every entry must be 0 or 1", item.Message);
    }

    [Fact]
    public void The_original_mse_derivative_passes_and_keeps_both_arguments()
    {
        var report = Mse((y_true, y_pred) => 2 * (y_pred - y_true) / (y_true.RowCount * y_true.ColumnCount));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal("✔ mse_derivative leaves y_true and y_pred as they were", report["mse_derivative keeps its input"].Message);
    }

    [Theory]
    [InlineData("sign", Mistake.WrongSign, "has the wrong sign")]
    [InlineData("half", Mistake.FactorTwoMissing, "is half the right value")]
    [InlineData("sum", Mistake.WrongDivisor, "times too large")]
    [InlineData("rows", Mistake.WrongDivisor, "divides by the rows")]
    [InlineData("columns", Mistake.WrongDivisor, "divides by the columns")]
    [InlineData("int", Mistake.IntegerDivision, "returns 0 everywhere: in C#, 2 / size with an int size is 0 (an integer division rounds down)")]
    public void Mse_derivative_mistakes_each_get_their_hint(string slip, Mistake mistake, string hint)
    {
        Func<Matrix<double>, Matrix<double>, Matrix<double>> my_mse_derivative = slip switch
        {
            "sign" => (t, p) => 2 * (t - p) / (t.RowCount * t.ColumnCount),
            "half" => (t, p) => (p - t) / (t.RowCount * t.ColumnCount),
            "sum" => (t, p) => 2 * (p - t),
            "rows" => (t, p) => 2 * (p - t) / t.RowCount,
            "columns" => (t, p) => 2 * (p - t) / t.ColumnCount,
            _ => mse_derivative,
        };

        var item = Mse(my_mse_derivative)["mse_derivative"];

        Assert.Equal(mistake, item.Mistake);
        Assert.StartsWith("✘ mse_derivative ", item.Message);
        Assert.Contains(hint, item.Message);
    }

    [Fact]
    public void The_right_formula_computed_in_place_on_y_pred_is_right_but_changes_y_pred()
    {
        var report = Mse((y_true, y_pred) =>
        {
            y_pred.Subtract(y_true, y_pred);
            y_pred.Multiply(2.0 / (y_true.RowCount * y_true.ColumnCount), y_pred);
            return y_pred;
        });

        Assert.True(report["mse_derivative"].Passed, report.ToString());
        Assert.Equal(Mistake.ChangesItsInput, report["mse_derivative keeps its input"].Mistake);
        Assert.StartsWith("✘ mse_derivative changed y_pred,", report["mse_derivative keeps its input"].Message);
    }

    [Fact]
    public void Copying_y_true_into_y_pred_and_returning_zeros_fails_twice()
    {
        var report = Mse((y_true, y_pred) =>
        {
            y_true.CopyTo(y_pred);
            return 2 * (y_pred - y_true) / (y_true.RowCount * y_true.ColumnCount);
        });

        Assert.False(report["mse_derivative"].Passed);
        Assert.Equal(Mistake.ChangesItsInput, report["mse_derivative keeps its input"].Mistake);
    }

    /// <summary>The classic C# slip: an int size makes 2 / size an integer division.</summary>
    private static Matrix<double> mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)
    {
        int size = y_true.RowCount * y_true.ColumnCount;
        return 2 / size * (y_pred - y_true);
    }
}
