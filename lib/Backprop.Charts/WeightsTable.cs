using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET.TraceObjects;
using Chart = Plotly.NET.CSharp.Chart;

namespace Backprop.Charts;

/// <summary>A network's weights as tables, one per layer, side by side: <c>W1</c>, <c>W2</c>, ….</summary>
/// <remarks>
/// Row <c>i</c>, column <c>j</c> of <c>Wk</c> is the weight from unit <c>i</c> of the layer before to unit
/// <c>j</c> of layer <c>k</c>, indexed from 0 as NumPy prints <c>W1[i, j]</c>. With the biases, each table ends in
/// a row <c>bk</c>: column <c>j</c> holds <c>bk[j]</c>, the bias of the same unit. Values show with four decimals.
/// </remarks>
public static class WeightsTable
{
    private const int RowHeight = 28;
    private const int TopMargin = 90;
    private const int BottomMargin = 10;

    /// <summary>Tables of every weight matrix of <paramref name="network"/>, titled <c>W1 (3×2)</c> and so on.</summary>
    /// <param name="network">The network whose weights to show.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="withBiases">True to add each layer's bias as a last row, titled <c>W1 (3×2), b1</c>.</param>
    public static GenericChart Create(Network network, string title = "Weights", bool withBiases = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        var tables = network.Weights.Select((w, i) => Table(w, withBiases ? (network.Biases[i], $"b{i + 1}") : null)).ToList();
        var names = network.Weights.Select((w, i) => $"W{i + 1} ({InputRules.Shape(w)})" + (withBiases ? $", b{i + 1}" : ""));
        var tallest = network.Weights.Max(w => w.RowCount) + (withBiases ? 1 : 0);
        return Chart.Grid(tables, nRows: 1, nCols: tables.Count, SubPlotTitles: names.ToArray())
            .WithTitle(title)
            .WithMargins(top: TopMargin, bottom: BottomMargin)
            .WithSize(Width: ChartStyle.Width, Height: TopMargin + BottomMargin + ((tallest + 2) * RowHeight));
    }

    /// <summary>One matrix as a table: a header row of column numbers, one row per matrix row, then the bias if given.</summary>
    private static GenericChart Table(Matrix<double> weights, (Vector<double> Values, string Name)? bias)
    {
        var header = new[] { "row \\ col" }.Concat(Enumerable.Range(0, weights.ColumnCount).Select(Number));
        var rowNumbers = Enumerable.Range(0, weights.RowCount).Select(Number);
        var valueColumns = weights.EnumerateColumns().Select(column => column.Select(Format));
        if (bias is not null)
        {
            rowNumbers = rowNumbers.Append(bias.Value.Name);
            valueColumns = valueColumns.Zip(bias.Value.Values, (column, b) => column.Append(Format(b)));
        }

        var columns = new[] { rowNumbers }.Concat(valueColumns);
        return Chart.Table(header: Cells(header.Select(h => new[] { h })), cells: Cells(columns));
    }

    /// <summary>Table cells given column by column (Plotly's <c>values</c>: a list of columns).</summary>
    private static TableCells Cells(IEnumerable<IEnumerable<string>> columns)
    {
        var cells = new TableCells();
        cells.SetProperty("values", columns.Select(column => column.ToArray()).ToArray());
        cells.SetProperty("height", RowHeight);
        return cells;
    }

    private static string Number(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
