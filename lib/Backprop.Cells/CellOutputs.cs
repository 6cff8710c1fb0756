using System.Globalization;
using System.Text;
using Backprop.Notebooks;

namespace Backprop.Cells;

/// <summary>
/// What a running cell shows, in order, within limits. Consecutive prints to the same stream become one
/// <see cref="CellText"/>. A cell that prints or displays without end (a loop) keeps its first
/// <see cref="CellSessionOptions.MaxPrintedCharacters"/> characters and <see cref="CellSessionOptions.MaxDisplays"/>
/// displayed values, and ends with one line saying how much was left out, so a loop never floods the page.
/// </summary>
internal sealed class CellOutputs(int maxPrintedCharacters, int maxDisplays)
{
    private readonly List<CellOutput> _outputs = [];
    private readonly StringBuilder _text = new();
    private bool _textIsError;
    private long _printed;
    private long _displayed;

    /// <summary>Text printed to standard output or, with <paramref name="isError"/>, to standard error.</summary>
    public void Print(string text, bool isError)
    {
        var room = maxPrintedCharacters - _printed;
        _printed += text.Length;
        if (room <= 0)
        {
            return;
        }

        if (_text.Length > 0 && _textIsError != isError)
        {
            EndText();
        }

        _textIsError = isError;
        _text.Append(text, 0, (int)Math.Min(text.Length, room));
    }

    /// <summary>A displayed value, a note or an error, after whatever was printed before it.</summary>
    public void Show(CellOutput output)
    {
        if (output is CellDisplay && ++_displayed > maxDisplays)
        {
            return;
        }

        EndText();
        _outputs.Add(output);
    }

    /// <summary>Everything shown, with the line about what was left out before the cell's error, if it has one.</summary>
    public IReadOnlyList<CellOutput> Finish()
    {
        EndText();
        if (LeftOut() is { } note)
        {
            var at = _outputs.Count > 0 && _outputs[^1] is CellError ? _outputs.Count - 1 : _outputs.Count;
            _outputs.Insert(at, new CellDisplay(Renderings.Of(note)));
        }

        return _outputs;
    }

    private string? LeftOut()
    {
        var parts = new List<string>();
        if (_printed > maxPrintedCharacters)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{_printed - maxPrintedCharacters:N0} more characters printed (a cell shows its first {maxPrintedCharacters:N0})"));
        }

        if (_displayed > maxDisplays)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{_displayed - maxDisplays:N0} more displayed values (a cell shows its first {maxDisplays:N0})"));
        }

        return parts.Count == 0 ? null : $"Left out: {string.Join(" and ", parts)}. Is there a loop that prints without end?";
    }

    private void EndText()
    {
        if (_text.Length > 0)
        {
            _outputs.Add(new CellText(_text.ToString(), _textIsError));
            _text.Clear();
        }
    }
}
