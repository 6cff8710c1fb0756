using Backprop.Charts;

namespace Backprop.Notebooks;

/// <summary>
/// How charts show in a notebook: each chart as its own <c>div</c> and script (<see cref="ChartHtml.Fragment"/>), and
/// plotly.js once, in the setup cell (<see cref="PlotlyJs"/>), so that charts draw without the internet.
/// </summary>
public static class ChartDisplay
{
    /// <summary>
    /// Shown once per notebook, by the setup cell: the whole of plotly.js as a script (HTML), and a line saying so
    /// (text). Every chart after it draws with that copy.
    /// </summary>
    public static PlotlyJsScript PlotlyJs { get; } = new();

    /// <summary>The value the setup cell shows to bring plotly.js into the notebook.</summary>
    public sealed class PlotlyJsScript
    {
        internal PlotlyJsScript()
        {
        }

        /// <summary>What a text-only front end shows instead of the script.</summary>
        public override string ToString() =>
            $"plotly.js {ChartHtml.PlotlyJsVersion} is loaded: the charts below draw without the internet.";
    }
}
