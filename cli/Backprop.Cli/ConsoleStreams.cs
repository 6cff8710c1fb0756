using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Backprop.Cli;

/// <summary>
/// Standard output and standard error as plain writers on file descriptors 1 and 2. .NET's own console writer
/// hides a closed pipe (EPIPE), so <c>| head -1</c> would let a run go on to the end; these report it, and
/// <see cref="ResultWriter"/> turns it into an error that stops the run, as Python's BrokenPipeError does.
/// </summary>
internal static class ConsoleStreams
{
    /// <summary>A UTF-8 writer on descriptor <paramref name="descriptor"/>, flushed at every write; one that always fails if the descriptor is closed.</summary>
    public static TextWriter Open(int descriptor)
    {
        Stream stream;
        try
        {
            stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new ClosedWriter(error);
        }

        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    /// <summary>A writer for a descriptor that was closed when the program started: every write fails with the reason.</summary>
    private sealed class ClosedWriter(Exception reason) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException(reason.Message, reason);
    }
}
