using System.Globalization;
using System.Text;

namespace Backprop.Notebooks;

/// <summary>A network as its shape, its parameter count and every weight matrix and bias, first layer first.</summary>
internal static class NetworkView
{
    /// <summary><c>Network 3 → 2 → 2 → 1: 17 parameters (14 weights, 3 biases)</c>.</summary>
    public static string Summary(Network network)
    {
        var weights = network.Weights.Sum(w => w.RowCount * w.ColumnCount);
        var biases = network.Biases.Sum(b => b.Count);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Network {string.Join(" → ", network.LayerSizes)}: {weights + biases} parameters ({weights} weights, {biases} biases)");
    }

    public static MatrixPanel Parameters(Network network) =>
        Show.Matrices(Enumerable.Range(0, network.LayerCount)
            .SelectMany(layer => new (string, object)[] { ($"W{layer + 1}", network.Weights[layer]), ($"b{layer + 1}", network.Biases[layer]) })
            .ToArray());

    public static string Html(Network network)
    {
        var html = new StringBuilder("<div class=\"backprop-network\">");
        Notebooks.Html.Element(html, "p", Summary(network), "font-weight:bold");
        return html.Append(Parameters(network).ToHtml()).Append("</div>").ToString();
    }

    public static string Text(Network network) => Summary(network) + "\n\n" + Parameters(network);
}
