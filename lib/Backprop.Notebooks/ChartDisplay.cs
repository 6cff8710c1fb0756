using Backprop.Charts;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

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

    /// <summary>Registers the chart formatters with .NET Interactive (done by <see cref="Formatters.Register"/>).</summary>
    internal static void Register()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Fragment(chart)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((_, writer) => writer.Write("A Plotly chart (its picture follows where it is shown without JavaScript)"), PlainTextFormatter.MimeType);
        Formatter.Register<PlotlyJsScript>((_, writer) => writer.Write(ChartHtml.PlotlyJsScript()), HtmlFormatter.MimeType);
        Formatter.Register<PlotlyJsScript>((script, writer) => writer.Write(script.ToString()), PlainTextFormatter.MimeType);
    }

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
