namespace Backprop.Files;

/// <summary>
/// Passes text through from another reader, and stops with a clear error at a line longer than a limit (a file of
/// one endless line, such as <c>/dev/zero</c>, would otherwise fill the memory). Now and then it tells how many
/// lines have gone by, for a progress line.
/// </summary>
internal sealed class LineLimitedReader(TextReader inner, int maxLineLength, string sourceName, Action<long>? onLine) : TextReader
{
    private const int LinesPerReport = 1 << 16;
    private long _lines;
    private int _lineLength;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Count([(char)c]);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf('\n');
            var length = newline < 0 ? text.Length : newline;
            if ((long)_lineLength + length > maxLineLength)
            {
                throw new InvalidInputException(
                    $"{sourceName} line {_lines + 1} is longer than {maxLineLength} characters: a line holds one sample, so this is not a data file. Check the path.");
            }

            if (newline < 0)
            {
                _lineLength += length;
                return;
            }

            _lineLength = 0;
            if (++_lines % LinesPerReport == 0)
            {
                onLine?.Invoke(_lines);
            }

            text = text[(newline + 1)..];
        }
    }
}
