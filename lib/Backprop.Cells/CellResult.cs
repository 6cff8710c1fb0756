using Backprop.Notebooks;

namespace Backprop.Cells;

/// <summary>How a cell's run ended.</summary>
public enum CellStatus
{
    /// <summary>The cell ran to its end.</summary>
    Completed,

    /// <summary>The cell did not compile; nothing ran. Its <see cref="CellError"/> lists the errors.</summary>
    CompileError,

    /// <summary>
    /// The cell compiled but was not run: it calls <c>Environment.Exit</c> or <c>Environment.FailFast</c>, which would
    /// stop the runtime the cells run in. Like a cell that does not compile, it is not part of the chain.
    /// </summary>
    Refused,

    /// <summary>The cell threw an exception.</summary>
    Failed,

    /// <summary>Stop was pressed (<see cref="CellSession.Stop"/>).</summary>
    Stopped,

    /// <summary>The cell ran longer than its time limit (<see cref="CellSessionOptions.TimeLimit"/>).</summary>
    TimedOut,

    /// <summary>Calls nested deeper than the limit (<see cref="CellSessionOptions.MaxCallDepth"/>): endless recursion.</summary>
    TooDeep,
}

/// <summary>Something a cell showed, in the order it showed it.</summary>
public abstract record CellOutput;

/// <summary>Text the cell printed (<c>Console.Write</c>, <c>Console.WriteLine</c>); consecutive prints are one output.</summary>
/// <param name="Text">The text, with its <c>\n</c> line ends.</param>
/// <param name="IsError">Whether it was printed to standard error (<c>Console.Error</c>).</param>
public sealed record CellText(string Text, bool IsError = false) : CellOutput;

/// <summary>
/// A value the cell showed with <c>display(...)</c>, or its final expression's value (<paramref name="IsResult"/>),
/// rendered by the lessons' renderings (<see cref="Renderings.Of"/>) as the kernel shows it; also the one-line notes
/// about magic commands.
/// </summary>
/// <param name="Formats">The value in each format a notebook keeps (HTML, SVG, text), the preferred first.</param>
/// <param name="IsResult">Whether it is the value of the cell's final expression (a notebook's <c>execute_result</c>).</param>
public sealed record CellDisplay(IReadOnlyList<Rendering> Formats, bool IsResult = false) : CellOutput;

/// <summary>
/// Why the cell failed, in one message: the compiler's errors (<c>(3,5): error CS0103: …</c>, one a line), the
/// exception (<c>System.InvalidOperationException: …</c>, no stack frames), or why it was stopped.
/// </summary>
/// <param name="Message">The message.</param>
public sealed record CellError(string Message) : CellOutput;

/// <summary>What one run of a cell did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Outputs">What it showed, in order; a failure ends with a <see cref="CellError"/>.</param>
/// <param name="Elapsed">How long it compiled and ran.</param>
public sealed record CellResult(CellStatus Status, IReadOnlyList<CellOutput> Outputs, TimeSpan Elapsed)
{
    /// <summary>Everything the cell printed to standard output, joined.</summary>
    public string PrintedText => string.Concat(Outputs.OfType<CellText>().Where(text => !text.IsError).Select(text => text.Text));
}
