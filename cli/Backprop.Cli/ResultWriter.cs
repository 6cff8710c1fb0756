using System.Text;

namespace Backprop.Cli;

/// <summary>
/// Standard output, where the results go (loss lines, predictions). A write that fails stops the run with a
/// <see cref="StandardOutputException"/>: a result that cannot be written is not a result.
/// </summary>
internal sealed class ResultWriter(TextWriter inner) : TextWriter
{
    private const int BrokenPipe = 32;  // EPIPE
    private const int BadDescriptor = 9; // EBADF

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    /// <summary>What went wrong, in the user's words.</summary>
    private static string Reason(Exception error) => error switch
    {
        UnauthorizedAccessException or ObjectDisposedException => "it is closed",
        _ when error.HResult == BrokenPipe => "the program reading it has stopped (broken pipe)",
        _ when error.HResult == BadDescriptor => "it is closed",
        _ when Files.AtomicFile.IsDiskFull(error) => "the disk is full",
        _ => error.Message,
    };

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            throw new StandardOutputException(Reason(error), error);
        }
    }
}
