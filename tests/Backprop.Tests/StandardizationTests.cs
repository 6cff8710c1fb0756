using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

public class StandardizationTests
{
    [Fact]
    public void Standardized_columns_have_mean_0_and_standard_deviation_1()
    {
        var features = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 100, 5 }, { 2, 300, 5 }, { 3, 500, 5 }, { 6, 700, 5 } });

        var scaling = Standardization.Fit(features);
        var scaled = scaling.Apply(features);

        Assert.Equal(new[] { 3.0, 400.0, 5.0 }, scaling.Means.ToArray());
        Assert.Equal(Math.Sqrt(3.5), scaling.StandardDeviations[0], 15);
        Assert.Equal(1.0, scaling.StandardDeviations[2]); // a constant column is left at spread 1, not divided by 0
        for (var column = 0; column < 2; column++)
        {
            Assert.Equal(0.0, scaled.Column(column).Average(), 14);
            Assert.Equal(1.0, Math.Sqrt(scaled.Column(column).Select(v => v * v).Average()), 14);
        }

        Assert.All(scaled.Column(2), v => Assert.Equal(0.0, v));
        Close.Equal(features, scaling.Invert(scaled), 1e-15, "round trip");
    }

    [Fact]
    public void Applying_to_data_with_other_columns_is_rejected()
    {
        var scaling = Standardization.Fit(Matrix<double>.Build.Dense(2, 3, 1.0));

        var error = Assert.Throws<InvalidInputException>(() => scaling.Apply(Matrix<double>.Build.Dense(2, 4)));
        Assert.Contains("4 columns but the scaling was fitted on 3", error.Message);
    }
}
