using System.Diagnostics.CodeAnalysis;
using Backprop.Notebooks;

namespace Backprop.Cells;

/// <summary>
/// What a cell sees besides its own code and the libraries: <see cref="display"/>, as in the .NET Interactive
/// kernel. One object per <see cref="CellSession"/>, handed to every submission.
/// </summary>
public sealed class CellGlobals
{
    private readonly Action<CellOutput> _show;

    internal CellGlobals(Action<CellOutput> show) => _show = show;

    /// <summary>
    /// Shows <paramref name="value"/> below the cell, as the kernel's <c>display</c> does: a table, a chart, a
    /// picture, a grader's verdict, rendered by the lessons' renderings (<see cref="Renderings.Of"/>).
    /// </summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The kernel's name, so that one cell runs in both.")]
    public void display(object? value) => _show(new CellDisplay(Renderings.Of(value)));
}
