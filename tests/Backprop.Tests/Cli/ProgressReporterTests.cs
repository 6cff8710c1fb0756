using Backprop.Cli;

namespace Backprop.Tests.Cli;

public class ProgressReporterTests
{
    [Fact]
    public void Each_line_says_epochs_done_the_loss_and_the_time_left()
    {
        using var output = new StringWriter();
        var progress = new ProgressReporter(output, totalEpochs: 1000, enabled: true, interval: TimeSpan.Zero);

        progress.EpochDone(epoch: 9, loss: 0.123456789);

        Assert.Matches(@"^progress: 10/1000 epochs, loss 0\.123457, about \d+ s left\r?\n$", output.ToString());
    }

    [Fact]
    public void Short_runs_and_disabled_progress_print_nothing()
    {
        using var output = new StringWriter();
        new ProgressReporter(output, 1000, enabled: true).EpochDone(0, 1.0);      // well before the first 2 s
        new ProgressReporter(output, 1000, enabled: false, TimeSpan.Zero).EpochDone(0, 1.0);

        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void A_long_read_is_reported_when_due_and_a_long_draw_is_announced_unless_progress_is_off()
    {
        using var output = new StringWriter();
        var progress = new ProgressReporter(output, 1000, enabled: true, TimeSpan.Zero);

        progress.Note("read 65536 lines of data.csv");
        progress.Announce("drawing 60000000 random numbers");
        new ProgressReporter(output, 1000, enabled: false, TimeSpan.Zero).Announce("drawing");
        new ProgressReporter(output, 1000, enabled: true).Note("read 65536 lines"); // not due yet

        Assert.Equal("progress: read 65536 lines of data.csv\nprogress: drawing 60000000 random numbers\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
