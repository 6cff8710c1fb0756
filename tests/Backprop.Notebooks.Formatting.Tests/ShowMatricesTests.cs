using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks.Formatting.Tests;

public class ShowMatricesTests
{
    [Fact]
    public void Named_matrices_show_side_by_side_each_captioned_with_name_and_shape()
    {
        var (network, x, _) = Original.Create();
        var z1 = network.Forward(x).PreActivations[0];

        var html = Rendered.Html(Show.Matrices(("X", x), ("W1", network.Weights[0]), ("b1", network.Biases[0]), ("z1", z1)));

        Assert.Contains("display:flex", (string?)html.Attribute("style"), StringComparison.Ordinal);
        Assert.Equal(["X 10×3", "W1 3×2", "b1 1×2", "z1 10×2"], Rendered.Tables(html).Select(Rendered.Caption));
        Assert.Equal(["X", "W1", "b1", "z1"], Rendered.Tables(html).Select(t => t.Element("caption")!.Element("strong")!.Value));
        Assert.Equal(["0", "2.0406", "2.2320"], Rendered.Rows(Rendered.Tables(html)[3])[0]);
    }

    [Fact]
    public void The_panel_as_text_lists_each_matrix_under_its_name_and_shape()
    {
        var panel = Show.Matrices(("b1", Vector<double>.Build.Dense(2)), ("w", Matrix<double>.Build.DenseOfArray(new[,] { { 1.5 } })));

        Assert.Equal(
            ["b1 (1×2)", "   0  1", "-  -  -", "0  0  0", "", "w (1×1)", "        0", "-  ------", "0  1.5000"],
            Rendered.Lines(panel.ToString()));
        Assert.Equal(panel.ToString(), Rendered.Text(panel));
    }

    [Fact]
    public void Something_that_is_not_a_matrix_or_vector_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Show.Matrices(("lr", 0.01)));

        Assert.StartsWith("lr is a Double: Show.Matrices shows a Matrix<double> or a Vector<double>.", error.Message, StringComparison.Ordinal);
    }
}
