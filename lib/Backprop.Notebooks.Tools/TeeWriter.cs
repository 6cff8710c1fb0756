using System.Text;

namespace Backprop.Notebooks.Lessons;

/// <summary>Writes everything to the real standard output and, as it goes, to whoever listens (the running cell).</summary>
internal sealed class TeeWriter(TextWriter console, Action<string> listener) : TextWriter
{
    public override Encoding Encoding => console.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        console.Write(value);
        listener(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void Flush() => console.Flush();
}
