using System.Diagnostics;
using System.Globalization;

namespace Backprop.Cli;

/// <summary>
/// Tells a waiting user how a long run is going: after two seconds, then every two seconds, one line on
/// stderr with the epochs done, the loss and the time left. Short runs print nothing.
/// </summary>
internal sealed class ProgressReporter(TextWriter output, int totalEpochs, bool enabled, TimeSpan? interval = null)
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _interval = interval ?? DefaultInterval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextReport = interval ?? DefaultInterval;

    public void EpochDone(int epoch, double loss)
    {
        if (!enabled || _clock.Elapsed < _nextReport)
        {
            return;
        }

        var done = epoch + 1;
        var elapsed = _clock.Elapsed;
        var left = TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (totalEpochs - done));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"progress: {done}/{totalEpochs} epochs, loss {loss:G6}, about {Math.Ceiling(left.TotalSeconds)} s left"));
        _nextReport = elapsed + _interval;
    }
}
