using Microsoft.FSharp.Core;
using Chart = Plotly.NET.Chart;

namespace Backprop.Charts;

/// <summary>
/// Layout settings that Plotly.NET.CSharp lacks, taken from Plotly.NET's F# API. Its functions take the settings
/// and return a function to apply to a chart; an F# option left out is <c>null</c>.
/// </summary>
internal static class ChartStyle
{
    /// <summary>Width of every chart, in pixels: wide enough for 1000 epochs, narrow enough for a notebook.</summary>
    public const int Width = 900;

    /// <summary>Height of a line chart, in pixels.</summary>
    public const int Height = 500;

    /// <summary>The x-axis title of every chart over training time.</summary>
    public const string EpochAxisTitle = "Epoch";

    public static GenericChart WithTitle(this GenericChart chart, string title) =>
        Chart.withTitle(title, TitleFont: null).Invoke(chart);

    public static GenericChart WithMargins(this GenericChart chart, int top, int bottom) =>
        Chart.withMarginSize<int, int, int, int, int, bool>(
            Left: null, Right: null, Top: FSharpOption<int>.Some(top), Bottom: FSharpOption<int>.Some(bottom), Pad: null, Autoexpand: null)
            .Invoke(chart);
}
