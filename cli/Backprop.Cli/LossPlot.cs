using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using Backprop.Charts;
using Backprop.Files;

namespace Backprop.Cli;

/// <summary>Writes the --plot chart: the loss per epoch, as a page that opens offline.</summary>
internal static class LossPlot
{
    /// <summary>
    /// Why this build cannot draw the chart, or null when it can. Plotly.NET writes a chart's JSON through C#
    /// <c>dynamic</c>, which needs the JIT; the natively compiled program (<c>dotnet publish</c>) has none.
    /// </summary>
    /// <remarks>
    /// The signal is the JIT's own count of the methods it compiled. The native executable has no JIT: its
    /// <see cref="JitInfo.GetCompiledMethodCount"/> is the constant 0. Every other build (<c>dotnet run</c>,
    /// <c>dotnet build</c> in Debug or Release, a test host) runs this program's IL through the JIT, and
    /// <see cref="App.Run"/> was compiled before it got here, so the count is at least 1.
    /// <see cref="RuntimeFeature.IsDynamicCodeSupported"/> and <see cref="RuntimeFeature.IsDynamicCodeCompiled"/>
    /// are not that signal: <c>PublishAot</c> writes the switch behind both as false into the runtimeconfig.json of
    /// <c>dotnet build</c> and <c>dotnet run</c> too, where the JIT is there and the chart works.
    /// </remarks>
    public static string? Unavailable => JitInfo.GetCompiledMethodCount() > 0
        ? null
        : "--plot: this native build (dotnet publish) cannot draw charts, because Plotly.NET needs the .NET runtime's JIT: run `dotnet run --project cli/Backprop.Cli -- --plot FILE` for the chart.";

    /// <param name="losses">The loss of every epoch.</param>
    /// <param name="layers">The network's layer sizes, for the title.</param>
    /// <param name="data">What it was trained on, for the title: a file name or "seed 0".</param>
    /// <param name="learningRate">The learning rate, for the title.</param>
    /// <param name="path">The page to write.</param>
    public static void Write(IReadOnlyList<double> losses, IReadOnlyList<int> layers, string data, double learningRate, string path)
    {
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"Training loss per epoch ({string.Join('-', layers)}, lr {learningRate}, {data})");
        try
        {
            ChartFile.Save(LossChart.Create(losses, title), path, embedPlotlyJs: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidInputException)
        {
            throw new InvalidInputException($"--plot: {AtomicFile.CannotWrite(path, error).Message}", error);
        }
    }
}
