using System.Runtime.InteropServices;
using System.Text;

namespace Backprop.Cli;

/// <summary>
/// Standard output and standard error as writers on file descriptors 1 and 2 that report every failed write.
/// .NET's console writer hides a closed pipe (EPIPE), so <c>| head -1</c> would let a run go on to the end; these
/// report it, and <see cref="ResultWriter"/> turns it into an error that stops the run, as Python's BrokenPipeError
/// does. Off Unix, they are .NET's console streams.
/// </summary>
internal static class ConsoleStreams
{
    /// <summary>A UTF-8 writer on descriptor <paramref name="descriptor"/> (1 or 2), flushed at every write.</summary>
    public static TextWriter Open(int descriptor)
    {
        var stream = OperatingSystem.IsWindows()
            ? descriptor == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError()
            : new DescriptorStream(descriptor);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    /// <summary>
    /// Writes with the system's <c>write</c>, as a shell does: at the descriptor's own position, which stdout and
    /// stderr share when both go to one file (a FileStream would keep a position of its own and overwrite the other).
    /// </summary>
    private sealed class DescriptorStream(int descriptor) : Stream
    {
        private const int Interrupted = 4; // EINTR

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var bytes = buffer.ToArray();
            var done = 0;
            while (done < bytes.Length)
            {
                var written = write(descriptor, done == 0 ? bytes : bytes[done..], bytes.Length - done);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted)
                    {
                        continue;
                    }

                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }

                done += (int)written;
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

#pragma warning disable SYSLIB1054 // DllImport keeps this project free of unsafe code; a byte[] needs no marshalling code.
        [DllImport("libc", SetLastError = true)]
        private static extern nint write(int fd, byte[] buffer, nint count);
#pragma warning restore SYSLIB1054
    }
}
