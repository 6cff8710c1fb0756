namespace Backprop.Cli;

/// <summary>Writes the --plot chart: the loss per epoch.</summary>
internal static class LossPlot
{
    public static void Write(IReadOnlyList<double> losses, Options options, string path) =>
        throw new InvalidInputException("--plot is not available yet.");
}
