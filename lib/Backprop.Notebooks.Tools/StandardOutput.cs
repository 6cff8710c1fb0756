namespace Backprop.Notebooks.Lessons;

/// <summary>
/// Whether standard output can be written: a twin prints the lesson's lines there and the tool its reports, so with
/// standard output closed (<c>&gt;&amp;-</c>) both stop at once with one line instead of failing at the first print.
/// </summary>
internal static class StandardOutput
{
    /// <summary>What the tool and the twins say when standard output is closed.</summary>
    public const string ClosedMessage =
        "standard output is closed, and this program prints there: let it write to a terminal, a file or a pipe (`> file`, or `> /dev/null` to drop it).";

    /// <summary>
    /// Whether file descriptor 1 is closed (Linux and macOS: <c>/dev/fd/1</c> names no open file). On Windows, or where
    /// <c>/dev/fd</c> is missing, it cannot tell and says no.
    /// </summary>
    public static bool IsClosed() =>
        !OperatingSystem.IsWindows() && Directory.Exists("/dev/fd") && !File.Exists("/dev/fd/1") && !Directory.Exists("/dev/fd/1");

    /// <summary>One line for a failure: <see cref="ClosedMessage"/> when a write to a closed descriptor caused it, else its message.</summary>
    public static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is IOException && e.Message.Contains("Bad file descriptor", StringComparison.Ordinal))
            {
                return ClosedMessage;
            }
        }

        return failure.Message.ReplaceLineEndings(" ");
    }
}
