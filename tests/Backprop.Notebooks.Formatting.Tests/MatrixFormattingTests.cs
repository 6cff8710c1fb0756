using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks.Formatting.Tests;

public class MatrixFormattingTests
{
    private static readonly Matrix<double> W1 = Original.Create().Network.Weights[0];

    [Fact]
    public void A_matrix_shows_as_a_table_with_its_shape_indices_and_four_decimals()
    {
        var table = Assert.Single(Rendered.Tables(Rendered.Html(W1)));

        Assert.Equal("3×2", Rendered.Caption(table));
        Assert.Equal(["", "0", "1"], Rendered.Header(table));
        Assert.Equal(
            [["0", "1.7641", "0.4002"], ["1", "0.9787", "2.2409"], ["2", "1.8676", "-0.9773"]],
            Rendered.Rows(table));
    }

    [Fact]
    public void Each_value_carries_every_digit_in_its_tooltip()
    {
        var table = Assert.Single(Rendered.Tables(Rendered.Html(W1)));

        Assert.Equal("1.764052345967664", Rendered.Tooltips(table)[0][0]);
        Assert.Equal(W1[2, 1], double.Parse(Rendered.Tooltips(table)[2][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_long_matrix_shows_its_first_rows_and_says_how_many_more_there_are()
    {
        var long40 = new NumPyRandom(1).Rand(40, 3);

        var rows = Rendered.Rows(Assert.Single(Rendered.Tables(Rendered.Html(long40))));

        Assert.Equal(11, rows.Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Take(10).Select(r => r[0]));
        Assert.Equal(["⋮ 30 more rows"], rows[10]);
    }

    [Fact]
    public void A_matrix_of_twelve_rows_shows_them_all()
    {
        var rows = Rendered.Rows(Assert.Single(Rendered.Tables(Rendered.Html(new NumPyRandom(1).Rand(12, 2)))));

        Assert.Equal(12, rows.Length);
    }

    [Fact]
    public void A_vector_shows_as_one_row_like_a_numpy_bias()
    {
        var table = Assert.Single(Rendered.Tables(Rendered.Html(Vector<double>.Build.Dense([0.5, -0.25]))));

        Assert.Equal("1×2", Rendered.Caption(table));
        Assert.Equal([["0", "0.5000", "-0.2500"]], Rendered.Rows(table));
    }

    [Fact]
    public void A_matrix_as_plain_text_is_an_aligned_table_under_its_shape()
    {
        Assert.Equal(
            [
                "3×2",
                "        0        1",
                "-  ------  -------",
                "0  1.7641   0.4002",
                "1  0.9787   2.2409",
                "2  1.8676  -0.9773",
            ],
            Rendered.Lines(Rendered.Text(W1)));
    }

    [Fact]
    public void A_long_matrix_as_plain_text_says_how_many_rows_are_left_out()
    {
        var lines = Rendered.Lines(Rendered.Text(new NumPyRandom(1).Rand(15, 2)));

        Assert.Equal("15×2", lines[0]);
        Assert.Equal(14, lines.Length);  // shape, header, rule, 10 rows, the note
        Assert.Equal("⋮ 5 more rows", lines[^1]);
    }
}
