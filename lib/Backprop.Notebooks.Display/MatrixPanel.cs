using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks;

/// <summary>
/// Named matrices side by side, each as a table with its shape: <c>Show.Matrices(("X", X), ("W1", W1))</c>.
/// In a notebook it shows as HTML tables; <see cref="ToString"/> gives the same as aligned text for a console.
/// </summary>
public sealed class MatrixPanel
{
    internal MatrixPanel(IReadOnlyList<(string Name, Matrix<double> Value)> matrices) => Matrices = matrices;

    /// <summary>The matrices in display order, vectors already turned into 1×n rows.</summary>
    public IReadOnlyList<(string Name, Matrix<double> Value)> Matrices { get; }

    /// <summary>The tables as HTML, side by side.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"backprop-panel\" style=\"").Append(Html.PanelStyle).Append("\">");
        foreach (var (name, value) in Matrices)
        {
            MatrixTable.WriteHtml(html, name, value);
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>The tables as aligned text, one under the other, separated by a blank line.</summary>
    public override string ToString() => string.Join('\n', Matrices.Select(m => MatrixTable.Text(m.Name, m.Value)));
}
