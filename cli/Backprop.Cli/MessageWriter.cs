using System.Text;

namespace Backprop.Cli;

/// <summary>
/// Standard error, where warnings, progress and errors go. A write that fails (stderr closed, or on a full disk) is
/// dropped: a message about the run can never end it, and the exit code still tells what happened.
/// </summary>
internal sealed class MessageWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Nowhere left to say it.
        }
    }
}
