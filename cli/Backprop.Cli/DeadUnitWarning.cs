using Backprop.Engine;
using Backprop.Files;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Cli;

/// <summary>
/// A hidden ReLU that outputs 0 for every sample passes back no gradient and stops learning. When most of
/// them are dead the network can only fit a constant, so say so, with fixes that can help.
/// </summary>
internal static class DeadUnitWarning
{
    /// <summary>Writes the warning line if most hidden units are dead; it never ends the run (it runs after the files are written).</summary>
    public static void WriteIfMostAreDead(Network network, Matrix<double> input, Options options, TextWriter stderr)
    {
        string? warning;
        try
        {
            warning = For(network, input, options);
        }
        catch (OutOfMemoryException)
        {
            return; // a warning is not worth failing a finished run
        }

        if (warning is not null)
        {
            stderr.WriteLine(warning);
        }
    }

    /// <summary>The warning line, or null when most hidden units are alive.</summary>
    internal static string? For(Network network, Matrix<double> input, Options options)
    {
        var hidden = ReluActivity.HiddenUnitCount(network);
        var dead = FastEngine.Default.DeadUnits(network, input);
        if (hidden == 0 || dead.Count * 2 <= hidden)
        {
            return null;
        }

        var names = Shown.List(dead.Select(d => $"layer {d.Layer + 1} unit {d.Unit + 1}").ToArray());
        var fix = AllRowsEqual(input)
            ? "Every sample has the same features, so a unit fires for all or for none of them: give data whose rows differ."
            : options.Initialization == Initialization.Randn && options.LoadPath is null
                ? "Try a smaller learning rate, --init he, or another --seed."
                : "Try a smaller learning rate or another --seed.";
        return $"warning: {dead.Count} of {hidden} hidden ReLU units output 0 for every sample ({names}), so they no longer learn. {fix}";
    }

    // Only asked when most units are dead; stops at the first value that differs from the first row's.
    private static bool AllRowsEqual(Matrix<double> input)
    {
        for (var row = 1; row < input.RowCount; row++)
        {
            for (var column = 0; column < input.ColumnCount; column++)
            {
                if (input[row, column] != input[0, column])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
