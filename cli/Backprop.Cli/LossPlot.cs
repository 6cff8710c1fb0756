using System.Globalization;
using Backprop.Charts;

namespace Backprop.Cli;

/// <summary>Writes the --plot chart: the loss per epoch, as a page that opens offline.</summary>
internal static class LossPlot
{
    public static void Write(IReadOnlyList<double> losses, IReadOnlyList<int> layers, Options options, string path)
    {
        var data = options.DataFile is null ? $"seed {options.Seed}" : Path.GetFileName(options.DataFile);
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"Training loss per epoch ({string.Join('-', layers)}, lr {options.LearningRate}, {data})");
        ChartFile.Save(LossChart.Create(losses, title), path, embedPlotlyJs: true);
    }
}
