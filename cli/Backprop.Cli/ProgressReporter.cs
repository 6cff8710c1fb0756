using System.Diagnostics;
using System.Globalization;

namespace Backprop.Cli;

/// <summary>
/// Tells a waiting user how a long run is going: after two seconds, then every two seconds, one line on
/// stderr with the epochs done, the loss and the time left (or, while a large file is read, the lines so far).
/// Short runs print nothing.
/// </summary>
internal sealed class ProgressReporter(TextWriter output, int totalEpochs, bool enabled, TimeSpan? interval = null)
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _interval = interval ?? DefaultInterval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextReport = interval ?? DefaultInterval;

    public void EpochDone(int epoch, double loss)
    {
        if (!Due())
        {
            return;
        }

        var done = epoch + 1;
        var left = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / done * (totalEpochs - done));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"progress: {done}/{totalEpochs} epochs, loss {loss:G6}, about {Math.Ceiling(left.TotalSeconds)} s left"));
    }

    /// <summary>A line about a long step (reading a file), when one is due: <c>progress: read 65536 lines of data.csv</c>.</summary>
    public void Note(string what)
    {
        if (Due())
        {
            output.WriteLine($"progress: {what}");
        }
    }

    /// <summary>A line about a step known to be long before it starts (drawing a huge data set), unless progress is off.</summary>
    public void Announce(string what)
    {
        if (enabled)
        {
            output.WriteLine($"progress: {what}");
        }
    }

    /// <summary>Whether a line is due now; if so, the next one is due an interval later.</summary>
    private bool Due()
    {
        if (!enabled || _clock.Elapsed < _nextReport)
        {
            return false;
        }

        _nextReport = _clock.Elapsed + _interval;
        return true;
    }
}
