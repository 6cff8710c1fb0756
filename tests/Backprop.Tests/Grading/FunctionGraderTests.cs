using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

public class FunctionGraderTests
{
    [Fact]
    public void The_original_relu_derivative_passes()
    {
        var report = FunctionGrader.ReluDerivative(x => x.Map(v => v > 0 ? 1.0 : 0.0));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["relu_derivative keeps its input", "relu_derivative(x > 0)", "relu_derivative(x < 0)", "relu_derivative(0)"], report.Items.Select(item => item.Name));
    }

    [Fact]
    public void One_at_the_kink_gets_the_hint_about_exactly_zero()
    {
        var item = FunctionGrader.ReluDerivative(x => x.Map(v => v >= 0 ? 1.0 : 0.0))["relu_derivative(0)"];

        Assert.Equal(Mistake.KinkAtZero, item.Mistake);
        Assert.Equal("✘ relu_derivative(0) should be 0, as (x > 0).astype(float): at the kink the original takes 0 (x >= 0 gives 1) (it returned 1)", item.Message);
    }

    [Fact]
    public void Returning_relu_itself_is_recognised()
    {
        var report = FunctionGrader.ReluDerivative(x => x.Map(v => Math.Max(0, v)));

        Assert.Equal(Mistake.ReluInsteadOfDerivative, report["relu_derivative(x > 0)"].Mistake);
        Assert.StartsWith("✘ relu_derivative(0.25) should be 1, not 0.25: that is relu(x) itself", report["relu_derivative(x > 0)"].Message);
        Assert.True(report["relu_derivative(0)"].Passed);
    }

    [Fact]
    public void A_function_that_writes_into_its_argument_is_told_so()
    {
        var report = FunctionGrader.ReluDerivative(x =>
        {
            x.MapInplace(v => v > 0 ? 1.0 : 0.0);
            return x;
        });

        Assert.Equal(Mistake.ChangesItsInput, report["relu_derivative keeps its input"].Mistake);
    }

    [Fact]
    public void Not_written_yet_or_throwing_is_never_a_stack_trace()
    {
        Assert.Equal("○ relu_derivative: not done yet; define relu_derivative", FunctionGrader.ReluDerivative(null).ToString());
        Assert.Equal(Mistake.NotDone, FunctionGrader.ReluDerivative(_ => throw new NotImplementedException()).Items.Single().Mistake);
        Assert.Equal(Mistake.NotDone, FunctionGrader.MseDerivative((_, _) => null!).Items.Single().Mistake);
        var threw = FunctionGrader.MseDerivative((t, p) => t * p).Items.Single();
        Assert.Equal(Mistake.Threw, threw.Mistake);
        Assert.StartsWith("✘ mse_derivative threw ", threw.Message);
    }

    [Fact]
    public void A_relu_derivative_of_the_wrong_shape_is_told_its_shape()
    {
        var item = FunctionGrader.ReluDerivative(x => x.Transpose()).Items[^1];

        Assert.Equal(Mistake.WrongShape, item.Mistake);
        Assert.Equal("✘ relu_derivative returned a 3×2 matrix for a 2×3 one: return one value per entry of x", item.Message);
    }

    [Fact]
    public void The_original_mse_derivative_passes()
    {
        var report = FunctionGrader.MseDerivative((y_true, y_pred) => 2 * (y_pred - y_true) / (y_true.RowCount * y_true.ColumnCount));

        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData("sign", Mistake.WrongSign, "has the wrong sign")]
    [InlineData("half", Mistake.FactorTwoMissing, "is half the right value")]
    [InlineData("sum", Mistake.WrongDivisor, "is 6 times too large")]
    [InlineData("rows", Mistake.WrongDivisor, "divides by the rows (3) instead of y_true.size")]
    public void Mse_derivative_mistakes_each_get_their_hint(string slip, Mistake mistake, string hint)
    {
        Func<Matrix<double>, Matrix<double>, Matrix<double>> student = slip switch
        {
            "sign" => (t, p) => 2 * (t - p) / (t.RowCount * t.ColumnCount),
            "half" => (t, p) => (p - t) / (t.RowCount * t.ColumnCount),
            "sum" => (t, p) => 2 * (p - t),
            _ => (t, p) => 2 * (p - t) / t.RowCount,
        };

        var item = FunctionGrader.MseDerivative(student)["mse_derivative"];

        Assert.Equal(mistake, item.Mistake);
        Assert.StartsWith($"✘ mse_derivative {hint}", item.Message);
    }
}
