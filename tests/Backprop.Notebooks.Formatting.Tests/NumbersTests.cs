namespace Backprop.Notebooks.Formatting.Tests;

public class NumbersTests
{
    [Theory]
    [InlineData(1.764052345967664, "1.7641")]
    [InlineData(-0.9772778798764110, "-0.9773")]
    [InlineData(0.001, "0.0010")]
    [InlineData(0.000031415, "3.142e-05")]
    [InlineData(-0.0009995, "-9.995e-04")]
    [InlineData(123456.0, "1.235e+05")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void Short_shows_four_decimals_and_never_hides_a_small_value_as_zero(double value, string expected)
    {
        Assert.Equal(expected, Numbers.Short(value));
    }

    [Theory]
    [InlineData(-0.02350091982503628, "-0.02350091983")]
    [InlineData(0.8549195738122695, "0.8549195738")]
    [InlineData(0.0, "0")]
    public void Precise_shows_ten_significant_digits(double value, string expected)
    {
        Assert.Equal(expected, Numbers.Precise(value));
    }

    [Theory]
    [InlineData(1.750481543031296E-11, "1.8e-11")]
    [InlineData(0.5, "5.0e-01")]
    [InlineData(0.0, "0")]
    public void Error_shows_two_significant_digits_in_scientific_notation(double value, string expected)
    {
        Assert.Equal(expected, Numbers.Error(value));
    }

    [Fact]
    public void Numbers_read_the_same_in_every_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("1.7641", Numbers.Short(1.764052345967664));
            Assert.Equal("1.8e-11", Numbers.Error(1.750481543031296E-11));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
